package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <pm>}: whether the guest may suspend to RAM and to disk. */
public class PowerManagement extends Extensible {
    @XmlElement(name = "suspend-to-mem") public Suspend suspendToMem;
    @XmlElement(name = "suspend-to-disk") public Suspend suspendToDisk;

    /** {@code <suspend-to-mem enabled='yes|no'/>}. */
    public static class Suspend extends Extensible {
        @XmlAttribute public String enabled;
    }
}
