package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <topology sockets dies cores threads/>}. */
public class CpuTopology extends Extensible {
    @XmlAttribute public String sockets;
    @XmlAttribute public String dies;
    @XmlAttribute public String cores;
    @XmlAttribute public String threads;
}
