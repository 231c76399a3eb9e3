package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <cell id cpus memory unit memAccess discard>}: one guest NUMA node, with its distances to the
 * others and its memory side caches (HMAT).
 */
public class NumaCell extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute public String cpus;
    @XmlAttribute public String memory;
    @XmlAttribute public String unit;
    @XmlAttribute public String memAccess;
    @XmlAttribute public String discard;
    @XmlElement public NumaDistances distances;
    @XmlElement(name = "cache") public List<NumaCache> caches = new ArrayList<>();
}
