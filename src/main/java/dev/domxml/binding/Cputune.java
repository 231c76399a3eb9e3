package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <cputune>}: host-side scheduling of the guest's threads. None of it reaches QEMU's command line,
 * but libvirt checks it before it starts the guest.
 */
public class Cputune extends Extensible {
    @XmlElement public String period;
    @XmlElement public String quota;
    @XmlElement(name = "global_period") public String globalPeriod;
    @XmlElement(name = "global_quota") public String globalQuota;
    @XmlElement(name = "emulator_period") public String emulatorPeriod;
    @XmlElement(name = "emulator_quota") public String emulatorQuota;
    @XmlElement(name = "iothread_period") public String iothreadPeriod;
    @XmlElement(name = "iothread_quota") public String iothreadQuota;
    @XmlElement(name = "vcpupin") public List<Pin> vcpuPins = new ArrayList<>();
    @XmlElement(name = "emulatorpin") public List<Pin> emulatorPins = new ArrayList<>();
    @XmlElement(name = "iothreadpin") public List<Pin> iothreadPins = new ArrayList<>();
    @XmlElement(name = "vcpusched") public List<Sched> vcpuScheds = new ArrayList<>();
    @XmlElement(name = "iothreadsched") public List<Sched> iothreadScheds = new ArrayList<>();

    /** {@code <vcpupin vcpu cpuset/>}, {@code <emulatorpin cpuset/>}, {@code <iothreadpin iothread cpuset/>}. */
    public static class Pin extends Extensible {
        @XmlAttribute public String vcpu;
        @XmlAttribute public String iothread;
        @XmlAttribute public String cpuset;
    }

    /** {@code <vcpusched vcpus scheduler priority/>}, {@code <iothreadsched iothreads ...>}. */
    public static class Sched extends Extensible {
        @XmlAttribute public String vcpus;
        @XmlAttribute public String iothreads;
        @XmlAttribute public String scheduler;
        @XmlAttribute public String priority;
    }
}
