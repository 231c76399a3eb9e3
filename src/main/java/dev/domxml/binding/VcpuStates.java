package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <vcpus>}: which vCPUs are online at start and which of them QEMU gets as hotplugged devices. */
public class VcpuStates extends Extensible {
    @XmlElement(name = "vcpu") public List<State> vcpus = new ArrayList<>();

    /** {@code <vcpu id enabled hotpluggable order/>}. */
    public static class State extends Extensible {
        @XmlAttribute public String id;
        @XmlAttribute public String enabled;
        @XmlAttribute public String hotpluggable;
        @XmlAttribute public String order;
    }
}
