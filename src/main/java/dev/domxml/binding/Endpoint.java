package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * A {@code <source>}, {@code <target>} or {@code <server>} of a device that is not a disk: a directory,
 * a path, or a host and service, whichever the device's kind uses.
 */
public class Endpoint extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String dir;
    @XmlAttribute public String path;
    /** A filesystem's virtiofsd socket, when the user runs the daemon. */
    @XmlAttribute public String socket;
    @XmlAttribute public String mode;
    @XmlAttribute public String host;
    @XmlAttribute public String service;
    @XmlAttribute public String evdev;
    /** An evdev input's {@code grab}, {@code grabToggle} and {@code repeat}. */
    @XmlAttribute public String dev;
    @XmlAttribute public String grab;
    @XmlAttribute public String grabToggle;
    @XmlAttribute public String repeat;
    @XmlAttribute public String append;
    /** A socket character device's TLS switch. */
    @XmlAttribute public String tls;
    /** A dbus character device's channel name on the display's bus. */
    @XmlAttribute public String channel;
    /** {@code <reconnect enabled timeout>} of a client socket. */
    @XmlElement public Reconnect reconnect;
    /** {@code <clipboard copypaste>} of a qemu-vdagent channel. */
    @XmlElement public Clipboard clipboard;
    /** {@code <mouse mode='server|client'>} of a qemu-vdagent channel. */
    @XmlElement public Mouse mouse;

    /** {@code <reconnect enabled='yes' timeout='10'/>}: a client socket that connects again after it drops. */
    public static class Reconnect extends Extensible {
        @XmlAttribute public String enabled;
        @XmlAttribute public String timeout;
    }

    /** {@code <clipboard copypaste='yes|no'/>}: whether the agent shares the clipboard. */
    public static class Clipboard extends Extensible {
        @XmlAttribute public String copypaste;
    }

    /** {@code <mouse mode='server|client'/>}: whether the agent reports the client's absolute pointer. */
    public static class Mouse extends Extensible {
        @XmlAttribute public String mode;
    }
}
