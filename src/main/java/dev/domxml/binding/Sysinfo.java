package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <sysinfo type='smbios'>} (the SMBIOS tables the guest's firmware shows: bios, system, baseBoard,
 * chassis, oemStrings) or {@code <sysinfo type='fwcfg'>} (entries of QEMU's firmware configuration).
 */
public class Sysinfo extends Extensible {
    @XmlAttribute public String type;
    @XmlElement public Block bios;
    @XmlElement public Block system;
    @XmlElement(name = "baseBoard") public List<Block> baseBoards = new ArrayList<>();
    @XmlElement public Block chassis;
    @XmlElement public Block oemStrings;
    /** The fwcfg entries. */
    @XmlElement(name = "entry") public List<Entry> entries = new ArrayList<>();

    /** One SMBIOS structure's {@code <entry>} list. */
    public static class Block extends Extensible {
        @XmlElement(name = "entry") public List<Entry> entries = new ArrayList<>();
    }

    /** {@code <entry name file>value</entry>}. */
    public static class Entry extends TextWithAttributes {
        @XmlAttribute public String name;
        @XmlAttribute public String file;
        @XmlValue public String value;
    }
}
