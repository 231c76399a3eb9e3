package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <smartcard mode='host|host-certificates|passthrough'>}: a card reader on a CCID controller, emulated
 * from the host's reader or three certificates, or passed through a chardev ({@code type}).
 */
public class Smartcard extends CharDevice {
    @XmlAttribute public String mode;
    @XmlElement(name = "certificate") public List<String> certificates = new ArrayList<>();
    @XmlElement public String database;
}
