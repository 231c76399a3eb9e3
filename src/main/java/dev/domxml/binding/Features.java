package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <features>}; only the ones that change the command line are typed. */
public class Features extends Extensible {
    @XmlElement public Flag acpi;
    @XmlElement public Flag apic;
    @XmlElement public Flag pae;
    @XmlElement public FeatureState vmcoreinfo;
    @XmlElement public Smm smm;
    @XmlElement public FeatureState vmport;
    @XmlElement public FeatureState pmu;
    @XmlElement public Tcg tcg;
}
