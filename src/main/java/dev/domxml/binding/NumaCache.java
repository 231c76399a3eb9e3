package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <cell><cache level associativity policy>} with its {@code <size>} and {@code <line>}: a memory side cache. */
public class NumaCache extends Extensible {
    @XmlAttribute public String level;
    @XmlAttribute public String associativity;
    @XmlAttribute public String policy;
    @XmlElement public Amount size;
    @XmlElement public Amount line;

    /** {@code <size value unit>} or {@code <line value unit>}. */
    public static class Amount extends Extensible {
        @XmlAttribute public String value;
        @XmlAttribute public String unit;
    }
}
