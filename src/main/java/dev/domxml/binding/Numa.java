package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlElements;
import java.util.ArrayList;
import java.util.List;

/** {@code <cpu><numa>}: the guest's NUMA cells and the latencies and bandwidths between them, in the order written. */
public class Numa extends Extensible {
    @XmlElement(name = "cell") public List<NumaCell> cells = new ArrayList<>();
    @XmlElementWrapper(name = "interconnects")
    @XmlElements({
        @XmlElement(name = "latency", type = NumaInterconnect.Latency.class),
        @XmlElement(name = "bandwidth", type = NumaInterconnect.Bandwidth.class)})
    public List<NumaInterconnect> interconnects;
}
