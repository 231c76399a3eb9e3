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
    /** A TLS-secured NBD source's name for the server's certificate check. */
    @XmlAttribute public String tlsHostname;
    /** A vhost-user disk's socket: {@code type='unix'} and its {@code path}. */
    @XmlAttribute public String type;
    @XmlAttribute public String path;
    /** Files the client passed to libvirt for this source ({@code virDomainFDAssociate}), by group name. */
    @XmlAttribute public String fdgroup;
    /** A vhost-user disk's {@code <reconnect enabled timeout>}. */
    @XmlElement public Endpoint.Reconnect reconnect;
    /** An NFS source's {@code <identity user group>}: whom QEMU speaks to the server as. */
    @XmlElement public Identity identity;
    @XmlElement(name = "host") public List<DiskHost> hosts = new ArrayList<>();
    @XmlElement(name = "seclabel") public List<Seclabel> seclabels = new ArrayList<>();
    /** A SCSI passthrough disk's {@code <reservations managed>}: the helper its persistent reservations use. */
    @XmlElement public Reservations reservations;

    /** {@code <identity user='..' group='..'/>}: names or {@code +N} numbers. */
    public static class Identity extends Extensible {
        @XmlAttribute public String user;
        @XmlAttribute public String group;
    }

    /**
     * {@code <reservations managed='yes'/>}: libvirt starts qemu-pr-helper for the domain; {@code managed='no'}
     * with {@code <source type='unix' path mode='client'/>}: a helper already listening on that socket.
     */
    public static class Reservations extends Extensible {
        @XmlAttribute public String managed;
        @XmlElement public Endpoint source;
    }
}
