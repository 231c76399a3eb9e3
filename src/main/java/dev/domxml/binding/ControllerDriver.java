package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <driver>} of a controller: virtio-scsi tuning and its iothread. */
public class ControllerDriver extends VirtioDriver {
    @XmlAttribute public String iothread;
    @XmlAttribute public String queues;
    @XmlAttribute(name = "cmd_per_lun") public String cmdPerLun;
    @XmlAttribute(name = "max_sectors") public String maxSectors;
    @XmlAttribute public String ioeventfd;
    @XmlAttribute(name = "event_idx") public String eventIdx;
}
