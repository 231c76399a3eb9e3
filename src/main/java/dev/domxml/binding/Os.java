package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <os>}: guest type, machine, firmware and boot devices. */
public class Os extends Extensible {
    @XmlAttribute public String firmware;
    @XmlElement public OsType type;
    @XmlElement public Loader loader;
    @XmlElement public Nvram nvram;
    @XmlElement(name = "boot") public List<OsBoot> boots = new ArrayList<>();
    @XmlElement public BootMenu bootmenu;
    @XmlElement public Smbios smbios;
    @XmlElement public OsBios bios;
    @XmlElement public OsAcpi acpi;
    @XmlElement public String kernel;
    @XmlElement public String initrd;
    @XmlElement public String cmdline;
    @XmlElement public String dtb;
}
