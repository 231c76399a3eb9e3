package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <video>}. */
public class Video extends Extensible {
    @XmlElement public VideoModel model;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
