package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/**
 * {@code <interconnects><latency|bandwidth initiator target cache type value unit>}: how fast a cell's
 * CPUs reach a cell's memory (or one of its caches), for the guest's HMAT.
 */
public abstract class NumaInterconnect extends Extensible {
    @XmlAttribute public String initiator;
    @XmlAttribute public String target;
    @XmlAttribute public String cache;
    @XmlAttribute public String type;
    @XmlAttribute public String value;
    @XmlAttribute public String unit;

    /** {@code <latency>}, in nanoseconds. */
    public static class Latency extends NumaInterconnect {}

    /** {@code <bandwidth>}, a size per second. */
    public static class Bandwidth extends NumaInterconnect {}
}
