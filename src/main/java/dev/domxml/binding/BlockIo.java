package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <blockio logical_block_size physical_block_size/>} of a disk: the sector sizes the guest sees. */
public class BlockIo extends Extensible {
    @XmlAttribute(name = "logical_block_size") public String logicalBlockSize;
    @XmlAttribute(name = "physical_block_size") public String physicalBlockSize;
}
