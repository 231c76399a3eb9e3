package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <redirfilter>}: which USB devices every {@code <redirdev>} may redirect, first matching rule wins. */
public class RedirFilter extends Extensible {
    @XmlElement(name = "usbdev") public List<UsbDevRule> usbdevs = new ArrayList<>();

    /** {@code <usbdev class vendor product version allow>}; -1 (or nothing) matches any. */
    public static class UsbDevRule extends Extensible {
        @XmlAttribute(name = "class") public String usbClass;
        @XmlAttribute public String vendor;
        @XmlAttribute public String product;
        @XmlAttribute public String version;
        @XmlAttribute public String allow;
    }
}
