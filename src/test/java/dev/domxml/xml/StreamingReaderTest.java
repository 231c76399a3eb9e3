package dev.domxml.xml;

import static dev.domxml.xml.ReaderParity.assertSameReading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.binding.Domain;
import dev.domxml.testing.TestResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * to-args and lint read domains straight from SAX; fix reads them through a DOM. Both must read every
 * document alike, the awkward ones first of all.
 */
class StreamingReaderTest {

    /** Every file the tests carry that could be read as XML: domains, broken ones, fuzz findings. */
    static Stream<Path> everyXmlTheTestsCarry() throws IOException {
        return TestResources.everyXmlFile();
    }

    @ParameterizedTest
    @MethodSource("everyXmlTheTestsCarry")
    void readsEveryCarriedFileAsTheDomReaderDoes(Path file) throws IOException {
        assertSameReading(Files.readAllBytes(file), file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the first of an element written twice wins, as in libvirt, text bound to a string included
        "<domain type='qemu'><name>a<x>b</x>c</name><name>second</name><memory>1</memory></domain>",
        "<domain type='qemu'><os><type>hvm</type></os><os><type arch='i686'>hvm</type></os></domain>",
        "<domain type='qemu'><devices><emulator>/a</emulator><emulator>/b</emulator></devices>"
                + "<devices><disk type='file'/></devices></domain>",
        // namespaces: declared on a skipped duplicate, on unknown elements, refused prefixes
        "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>n</name>"
                + "<name xmlns:x='urn:x'><x:y/></name><qemu:commandline><qemu:arg value='-S'/></qemu:commandline></domain>",
        "<domain type='qemu'><:uid/></domain>",
        "<domain type='qemu'><xmlns/></domain>",
        "<domain type='qemu' xmlns:xml2='urn:a'><xml2:a/></domain>",
        "<domain type='qemu'><a xml:lang='en'/><b xmlns='urn:b'><c/></b></domain>",
        // the root: wrong, wrong and broken later, namespaced
        "<domains type='qemu'><name>x</name></domains>",
        "<domains type='qemu'><name>x</nam></domains>",
        "<domain xmlns='urn:other'><name>x</name></domain>",
        // text in all its forms
        "<domain type='qemu'><name><![CDATA[a<b]]></name><!-- c --><?pi x?><uuid>u</uuid></domain>",
        "\uFEFF<?xml version='1.0'?>\r<domain type='qemu'>\r<name>a&amp;b</name>\r</domain>",
        "<domain type='qemu'><devices><disk type='file' device='disk'><target dev='vda' bus='virtio'/>"
                + "<driver name='qemu' type='raw'/><driver name='qemu' type='qcow2'/></disk></devices></domain>",
        "",
        "<domain",
    })
    void readsAwkwardDocumentsAsTheDomReaderDoes(String text) {
        assertSameReading(text.getBytes(StandardCharsets.UTF_8), "awkward.xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STREAMED", "EDITABLE"})
    void theFirstOfAnElementWrittenTwiceIsRead(Reading reading) throws InputException {
        byte[] text = "<domain type='qemu'><name>a<x>b</x>c</name><name>second</name></domain>"
                .getBytes(StandardCharsets.UTF_8);

        Domain domain = reading.read(text, "twice.xml").domain();

        assertThat(domain.name).isEqualTo("abc"); // libvirt's string(./name[1])
    }

    @ParameterizedTest
    @ValueSource(strings = {"STREAMED", "EDITABLE"})
    void aDocumentThatIsNotADomainIsRefusedAtItsRoot(Reading reading) {
        byte[] text = "<?xml version='1.0'?>\n  <network><name>x</name></network>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reading.read(text, "net.xml"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("the root element is <network>, expected <domain>")
                .extracting(e -> ((InputException) e).position().toString()).isEqualTo("net.xml:2:3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STREAMED", "EDITABLE"})
    void aReservedNamespacePrefixIsRefusedInOneLine(Reading reading) {
        byte[] text = "<domain type='qemu' xmlns:xml2='urn:a'><xml2:a/></domain>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reading.read(text, "prefix.xml"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("namespace prefixes starting with 'xml' are reserved");
    }
}
