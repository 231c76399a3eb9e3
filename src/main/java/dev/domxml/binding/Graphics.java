package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <graphics type port autoport listen>}: a display (vnc, spice, sdl, egl-headless, dbus, ...). */
public class Graphics extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String port;
    @XmlAttribute public String autoport;
    @XmlAttribute public String listen;
    @XmlAttribute public String tlsPort;
    @XmlAttribute public String defaultMode;
    @XmlAttribute public String passwd;
    @XmlAttribute public String keymap;
    @XmlAttribute public String sharePolicy;
    @XmlAttribute public String websocket;
    @XmlAttribute public String powerControl;
    @XmlAttribute public String socket;
    /** sdl */
    @XmlAttribute public String display;
    @XmlAttribute public String xauth;
    @XmlAttribute public String fullscreen;
    /** dbus: the bus QEMU serves the display on, or a peer-to-peer connection ({@code p2p='yes'}) instead */
    @XmlAttribute public String address;
    @XmlAttribute(name = "p2p") public String p2p; // named: JAXB would spell the field p2P
    @XmlElement(name = "listen") public List<Listen> listens = new ArrayList<>();
    @XmlElement public Gl gl;

    /** {@code <gl enable rendernode>}: OpenGL, and the DRM render node it draws on. */
    public static class Gl extends Extensible {
        @XmlAttribute public String enable;
        @XmlAttribute public String rendernode;
    }

    /** {@code <listen type='address|network|socket|none' address socket network>}. */
    public static class Listen extends Extensible {
        @XmlAttribute public String type;
        @XmlAttribute public String address;
        @XmlAttribute public String network;
        @XmlAttribute public String socket;
    }
}
