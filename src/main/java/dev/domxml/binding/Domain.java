package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <domain>}: the root of a libvirt domain definition. */
@XmlRootElement(name = "domain")
public class Domain extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String id;

    @XmlElement public String name;
    @XmlElement public String uuid;
    /** {@code <genid>}: the VM generation id; written empty, libvirt makes one up. */
    @XmlElement public String genid;
    @XmlElement public MaxMemory maxMemory;
    @XmlElement public Memory memory;
    @XmlElement public Memory currentMemory;
    @XmlElement public MemoryBacking memoryBacking;
    @XmlElement public Vcpu vcpu;
    @XmlElement(name = "vcpus") public VcpuStates vcpuStates;
    @XmlElement public String iothreads;
    @XmlElement public IoThreadIds iothreadids;
    @XmlElement public Cputune cputune;
    @XmlElement(name = "sysinfo") public List<Sysinfo> sysinfos = new ArrayList<>();
    @XmlElement public DefaultIoThread defaultiothread;
    @XmlElement public Os os;
    @XmlElement public Features features;
    @XmlElement public Cpu cpu;
    @XmlElement public Numatune numatune;
    @XmlElement public Clock clock;
    @XmlElement public PowerManagement pm;
    // Typed rather than left to @XmlAnyElement: JAXB makes a new TransformerHandler for every unknown
    // element, and these three are in almost every domain.
    @XmlElement(name = "on_poweroff") public String onPoweroff;
    @XmlElement(name = "on_reboot") public String onReboot;
    @XmlElement(name = "on_crash") public String onCrash;
    @XmlElement public Devices devices;
    @XmlElement(name = "seclabel") public List<Seclabel> seclabels = new ArrayList<>();
}
