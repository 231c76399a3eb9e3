package dev.domxml.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;

/**
 * One connection to libvirt through libvirt-java (JNA over the system's {@code libvirt0}), with every
 * failure turned into a {@link LibvirtError} of one line: which URI, and libvirt's own message.
 * Local ({@code qemu:///system}), remote ({@code qemu+ssh://host/system}, libvirt's own remote
 * protocol) and libvirt's embedded test driver ({@code test:///default}) all work alike.
 */
public final class LibvirtConnection implements AutoCloseable {
    /** virsh's default when {@code LIBVIRT_DEFAULT_URI} is not set. */
    public static final String DEFAULT_URI = "qemu:///system";
    public static final String NO_LIBRARY_MESSAGE = "libvirt0 is not installed (apt-get install libvirt0)";
    /** {@code VIR_DOMAIN_XML_INACTIVE}: the persistent definition, not the running state. */
    private static final int XML_INACTIVE = 2;

    /** libvirt prints every error to stderr unless a handler is set; this one keeps quiet (held: JNA callback). */
    private static ErrorCallback quiet;

    private final Connect connect;
    private final String uri;

    private LibvirtConnection(Connect connect, String uri) {
        this.connect = connect;
        this.uri = uri;
    }

    /** {@code $LIBVIRT_DEFAULT_URI}, else {@code qemu:///system}, as virsh chooses. */
    public static String defaultUri() {
        return defaultUri(System.getenv());
    }

    static String defaultUri(Map<String, String> environment) {
        String uri = environment.get("LIBVIRT_DEFAULT_URI");
        return uri == null || uri.isBlank() ? DEFAULT_URI : uri;
    }

    /** Opens a connection; read-only suffices for reading domains and works for unprivileged users. */
    public static LibvirtConnection open(String uri, boolean readOnly) throws LibvirtError {
        try {
            silenceLibvirt();
            return new LibvirtConnection(new Connect(uri, readOnly), uri);
        } catch (LibvirtException e) {
            throw new LibvirtError(LibvirtError.Kind.CONNECT, uri, "cannot connect: " + message(e), e);
        } catch (LinkageError e) {
            throw new LibvirtError(LibvirtError.Kind.NO_LIBRARY, uri, NO_LIBRARY_MESSAGE, e);
        }
    }

    private static synchronized void silenceLibvirt() throws LibvirtException {
        if (quiet == null) {
            ErrorCallback callback = new ErrorCallback();
            Connect.setErrorCallback(callback);
            quiet = callback;
        }
    }

    public String uri() {
        return uri;
    }

    /** A domain's XML: its persistent definition when {@code inactive}, else what runs now (as virsh dumpxml). */
    public String domainXml(String name, boolean inactive) throws LibvirtError {
        try {
            Domain domain = lookup(name);
            try {
                return domain.getXMLDesc(inactive ? XML_INACTIVE : 0);
            } finally {
                free(domain);
            }
        } catch (LibvirtException e) {
            throw error(e, "cannot read domain '" + name + "'");
        }
    }

    /** Names of every domain, defined or running (transient ones too), sorted. */
    public List<String> domainNames() throws LibvirtError {
        try {
            List<String> names = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    names.add(domain.getName());
                } finally {
                    free(domain);
                }
            }
            names.sort(null);
            return names;
        } catch (LibvirtException e) {
            throw error(e, "cannot list domains");
        }
    }

    /** What libvirt made of a newly defined domain. */
    public record Defined(String name, String uuid) {}

    /** Defines (or redefines) a persistent domain from its XML. */
    public Defined define(String xml) throws LibvirtError {
        try {
            Domain domain = connect.domainDefineXML(xml);
            try {
                return new Defined(domain.getName(), domain.getUUIDString());
            } finally {
                free(domain);
            }
        } catch (LibvirtException e) {
            throw error(e, "libvirt refused the domain");
        }
    }

    /** Starts a defined domain. */
    public void start(String name) throws LibvirtError {
        try {
            Domain domain = lookup(name);
            try {
                domain.create();
            } finally {
                free(domain);
            }
        } catch (LibvirtException e) {
            throw error(e, "cannot start domain '" + name + "'");
        }
    }

    /** libvirt's own QEMU command line for a domain XML ({@code virsh domxml-to-native qemu-argv}). */
    public String qemuArgv(String xml) throws LibvirtError {
        try {
            return connect.domainXMLToNative("qemu-argv", xml, 0);
        } catch (LibvirtException e) {
            throw error(e, "libvirt refused the domain");
        }
    }

    private Domain lookup(String name) throws LibvirtException {
        return connect.domainLookupByName(name);
    }

    /**
     * Releases a domain handle now: each holds a reference to the connection, which would otherwise stay
     * open (and a test:///default driver keep its state) until the garbage collector runs.
     */
    private static void free(Domain domain) {
        try {
            domain.free();
        } catch (LibvirtException e) {
            // already released
        }
    }

    private LibvirtError error(LibvirtException e, String what) {
        LibvirtError.Kind kind = e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_NO_DOMAIN
                ? LibvirtError.Kind.NO_DOMAIN : LibvirtError.Kind.REFUSED;
        return new LibvirtError(kind, uri, what + ": " + message(e), e);
    }

    private static String message(LibvirtException e) {
        String message = e.getError() != null ? e.getError().getMessage() : e.getMessage();
        return message == null ? e.toString() : message;
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            // closing a broken connection: nothing left to release
        }
    }
}
