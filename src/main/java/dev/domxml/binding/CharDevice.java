package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <serial type>}, {@code <parallel>}, {@code <channel>} or {@code <console>}: a character device. */
public class CharDevice extends Extensible {
    @XmlAttribute public String type;
    /** Its {@code <source>}: one, or for a UDP device two (one to bind, one to connect to). */
    @XmlElement(name = "source") public List<Endpoint> sources = new ArrayList<>();
    /** {@code <protocol type='raw|telnet'>} of a TCP socket. */
    @XmlElement public ModelType protocol;
    @XmlElement public CharTarget target;
    /** {@code <log file append>}: QEMU copies what passes through the device into this file. */
    @XmlElement public Log log;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;

    /** {@code <log file append>}. */
    public static class Log extends Extensible {
        @XmlAttribute public String file;
        @XmlAttribute public String append;
    }

    /** The first {@code <source>}, or null. */
    public Endpoint source() {
        return sources.isEmpty() ? null : sources.get(0);
    }

    /** Sets the only {@code <source>}. */
    public void source(Endpoint source) {
        sources = new ArrayList<>(List.of(source));
    }
}
