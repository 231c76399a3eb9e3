package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <os><smbios mode='sysinfo|host|emulate'/>}: where the guest's SMBIOS tables come from. */
public class Smbios extends Extensible {
    @XmlAttribute public String mode;
}
