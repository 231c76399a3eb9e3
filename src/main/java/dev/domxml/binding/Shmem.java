package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <shmem name role>}: shared memory between guests (ivshmem). */
public class Shmem extends Extensible {
    @XmlAttribute public String name;
    @XmlAttribute public String role;
    @XmlElement public ModelType model;
    @XmlElement public Memory size;
    @XmlElement public Endpoint server;
    @XmlElement public ShmemMsi msi;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
