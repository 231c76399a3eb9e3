package dev.domxml.libvirt;

import java.util.List;

/**
 * Domain XML read from libvirt rather than from a file: one domain by name, or every domain of a host.
 * Each is named {@code URI/NAME} (for example {@code qemu:///system/vm701}) in findings and messages.
 */
public final class DomainSource {
    private final LibvirtConnection connection;

    public DomainSource(LibvirtConnection connection) {
        this.connection = connection;
    }

    /** One domain's XML as read from libvirt, with the name it is reported under. */
    public record Fetched(String uri, String name, String xml) {
        public String label() {
            return label(uri, name);
        }

        public static String label(String uri, String name) {
            return uri + "/" + name;
        }
    }

    /** The persistent definition of a domain (what {@code define} stored; the live XML for a transient one). */
    public Fetched byName(String name) throws LibvirtError {
        return new Fetched(connection.uri(), name, connection.domainXml(name, true));
    }

    /** Every defined and running domain, sorted by name. */
    public List<String> names() throws LibvirtError {
        return connection.domainNames();
    }
}
