package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <cpu mode match>}: model, topology, features, NUMA cells, cache and address width. */
public class Cpu extends Extensible {
    @XmlAttribute public String mode;
    @XmlAttribute public String match;
    @XmlAttribute public String check;
    @XmlAttribute public String migratable;
    @XmlElement public CpuModel model;
    @XmlElement public CpuTopology topology;
    @XmlElement(name = "feature") public java.util.List<CpuFeature> features = new java.util.ArrayList<>();
    @XmlElement public Numa numa;
    @XmlElement(name = "cache") public java.util.List<CpuCache> caches = new java.util.ArrayList<>();
    /** libvirt reads the first; a list keeps every one the user wrote. */
    @XmlElement(name = "maxphysaddr") public java.util.List<CpuMaxPhysAddr> maxPhysAddrs = new java.util.ArrayList<>();
}
