package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <sound model>} with its {@code <codec type>}s. */
public class Sound extends Extensible {
    @XmlAttribute public String model;
    @XmlElement(name = "codec") public List<ModelType> codecs = new ArrayList<>();
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
