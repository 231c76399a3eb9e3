package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <source>} of a disk: a file, block device, volume or network resource. */
public class DiskSource extends Extensible {
    @XmlAttribute public String file;
    @XmlAttribute public String dev;
    @XmlAttribute public String dir;
    @XmlAttribute public String pool;
    @XmlAttribute public String volume;
    @XmlAttribute public String protocol;
    @XmlAttribute public String name;
    @XmlAttribute public String startupPolicy;
    @XmlAttribute public String tls;
    @XmlAttribute public String query;
    @XmlElement(name = "host") public List<DiskHost> hosts = new ArrayList<>();
    @XmlElement(name = "seclabel") public List<Seclabel> seclabels = new ArrayList<>();
}
