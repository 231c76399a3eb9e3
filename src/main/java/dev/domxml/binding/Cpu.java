package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <cpu mode match>}: model and topology. */
public class Cpu extends Extensible {
    @XmlAttribute public String mode;
    @XmlAttribute public String match;
    @XmlAttribute public String check;
    @XmlElement public CpuModel model;
    @XmlElement public CpuTopology topology;
    @XmlElement(name = "feature") public java.util.List<CpuFeature> features = new java.util.ArrayList<>();
    @XmlElement public Numa numa;
}
