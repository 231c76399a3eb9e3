package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <os>}: guest type, machine and boot devices. */
public class Os extends Extensible {
    @XmlElement public OsType type;
    @XmlElement(name = "boot") public List<OsBoot> boots = new ArrayList<>();
    @XmlElement public BootMenu bootmenu;
}
