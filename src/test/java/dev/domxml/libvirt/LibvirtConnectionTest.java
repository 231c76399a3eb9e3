package dev.domxml.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** libvirt-java against libvirt's embedded test driver (no daemon): its default domain is named "test". */
class LibvirtConnectionTest {
    static final String TEST = "test:///default";

    @Test
    void defaultUriIsTheEnvironmentsElseQemuSystem() {
        assertThat(LibvirtConnection.defaultUri(Map.of())).isEqualTo("qemu:///system");
        assertThat(LibvirtConnection.defaultUri(Map.of("LIBVIRT_DEFAULT_URI", "qemu+ssh://h/system")))
                .isEqualTo("qemu+ssh://h/system");
        assertThat(LibvirtConnection.defaultUri(Map.of("LIBVIRT_DEFAULT_URI", " "))).isEqualTo("qemu:///system");
    }

    @Test
    void readsTheTestDriversDomain() throws Exception {
        try (LibvirtConnection connection = LibvirtConnection.open(TEST, true)) {
            assertThat(connection.uri()).isEqualTo(TEST);
            assertThat(connection.domainNames()).contains("test");
            DomainSource.Fetched fetched = new DomainSource(connection).byName("test");
            assertThat(fetched.label()).isEqualTo("test:///default/test");
            assertThat(fetched.xml()).contains("<name>test</name>", "6695eb01-f6a4-8304-79aa-97f2502e193f");
        }
    }

    @Test
    void definesAndStartsADomain() throws Exception {
        String xml = Files.readString(Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml"));
        try (LibvirtConnection connection = LibvirtConnection.open(TEST, false)) {
            LibvirtConnection.Defined defined = connection.define(xml);
            assertThat(defined).isEqualTo(new LibvirtConnection.Defined("vm701", "56f39bcb-fb42-7ecf-5b6f-ab3b6a311e01"));
            assertThat(connection.domainNames()).contains("test", "vm701");
            connection.start("vm701");
            assertThat(connection.domainXml("vm701", false)).contains("<domain type='qemu' id=");
        }
    }

    @Test
    void unknownDomainIsNoDomain() throws Exception {
        try (LibvirtConnection connection = LibvirtConnection.open(TEST, true)) {
            assertThatThrownBy(() -> connection.domainXml("nope", true))
                    .isInstanceOfSatisfying(LibvirtError.class, e -> {
                        assertThat(e.kind()).isEqualTo(LibvirtError.Kind.NO_DOMAIN);
                        assertThat(e.oneLine()).isEqualTo("test:///default: error: cannot read domain 'nope': Domain not found");
                    });
        }
    }

    @Test
    void refusedDefinitionCarriesLibvirtsMessage() throws Exception {
        try (LibvirtConnection connection = LibvirtConnection.open(TEST, false)) {
            assertThatThrownBy(() -> connection.define("<domain type='qemu'><name>x</name></domain>"))
                    .isInstanceOfSatisfying(LibvirtError.class, e -> {
                        assertThat(e.kind()).isEqualTo(LibvirtError.Kind.REFUSED);
                        assertThat(e.getMessage()).isEqualTo("libvirt refused the domain: XML error: an os <type> must be specified");
                    });
        }
    }

    @Test
    void unreachableHostIsAConnectErrorOfOneLine() {
        String uri = "qemu+tcp://127.0.0.1:1/system";
        assertThatThrownBy(() -> LibvirtConnection.open(uri, true))
                .isInstanceOfSatisfying(LibvirtError.class, e -> {
                    assertThat(e.kind()).isEqualTo(LibvirtError.Kind.CONNECT);
                    assertThat(e.uri()).isEqualTo(uri);
                    assertThat(e.oneLine()).startsWith(uri + ": error: cannot connect: unable to connect to server at"
                            + " '127.0.0.1:1'").doesNotContain("\n");
                });
    }

    @Test
    void messagesAreOneLine() {
        LibvirtError e = new LibvirtError(LibvirtError.Kind.REFUSED, "u", "first\n  second\n");
        assertThat(e.getMessage()).isEqualTo("first; second");
    }
}
