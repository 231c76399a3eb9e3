package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <devices>}. Each kind is its own list, as libvirt reads them; the order among kinds
 * never matters to libvirt, the order within a kind does.
 */
public class Devices extends Extensible {
    @XmlElement public String emulator;
    @XmlElement(name = "disk") public List<Disk> disks = new ArrayList<>();
    @XmlElement(name = "controller") public List<Controller> controllers = new ArrayList<>();
    @XmlElement(name = "interface") public List<Interface> interfaces = new ArrayList<>();
    @XmlElement(name = "filesystem") public List<Filesystem> filesystems = new ArrayList<>();
    @XmlElement(name = "serial") public List<CharDevice> serials = new ArrayList<>();
    @XmlElement(name = "parallel") public List<CharDevice> parallels = new ArrayList<>();
    @XmlElement(name = "channel") public List<CharDevice> channels = new ArrayList<>();
    @XmlElement(name = "console") public List<CharDevice> consoles = new ArrayList<>();
    @XmlElement(name = "input") public List<Input> inputs = new ArrayList<>();
    @XmlElement(name = "graphics") public List<Graphics> graphics = new ArrayList<>();
    @XmlElement(name = "video") public List<Video> videos = new ArrayList<>();
    @XmlElement(name = "sound") public List<Sound> sounds = new ArrayList<>();
    @XmlElement(name = "audio") public List<Audio> audios = new ArrayList<>();
    @XmlElement(name = "watchdog") public List<Watchdog> watchdogs = new ArrayList<>();
    @XmlElement(name = "hub") public List<Hub> hubs = new ArrayList<>();
    @XmlElement(name = "hostdev") public List<Hostdev> hostdevs = new ArrayList<>();
    @XmlElement(name = "smartcard") public List<Smartcard> smartcards = new ArrayList<>();
    @XmlElement(name = "redirdev") public List<Redirdev> redirdevs = new ArrayList<>();
    @XmlElement public RedirFilter redirfilter;
    @XmlElement public MemBalloon memballoon;
    @XmlElement(name = "rng") public List<Rng> rngs = new ArrayList<>();
    @XmlElement(name = "panic") public List<Panic> panics = new ArrayList<>();
    @XmlElement(name = "shmem") public List<Shmem> shmems = new ArrayList<>();
    @XmlElement public Vsock vsock;
    @XmlElement(name = "memory") public List<MemoryDevice> memories = new ArrayList<>();
    @XmlElement(name = "lease") public List<Lease> leases = new ArrayList<>();
    @XmlElement public Iommu iommu;
}
