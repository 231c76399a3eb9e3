package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import jakarta.xml.bind.Binder;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.glassfish.jaxb.runtime.api.JAXBRIContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

/** Reads libvirt domain XML into a {@link DomainDocument}. Thread-safe; the JAXB context is built once. */
public final class DomainReader {
    /**
     * Larger inputs are refused before parsing rather than risking the heap. Real domain XML is a few
     * KiB; 8 MiB holds a domain with tens of thousands of disks. Command lines share the limit: theirs
     * are smaller still.
     */
    public static final long MAX_INPUT_BYTES = 8L * 1024 * 1024;

    private DomainReader() {}

    private static final class Context {
        static final JAXBContext INSTANCE = create();

        private static JAXBContext create() {
            try {
                return JAXBContext.newInstance(new Class<?>[] {Domain.class},
                        Map.of(JAXBRIContext.XMLACCESSORFACTORY_SUPPORT, true)); // see AccessibleFields
            } catch (JAXBException e) {
                throw new IllegalStateException("domain binding is broken: " + e, e);
            }
        }
    }

    public static JAXBContext context() {
        return Context.INSTANCE;
    }

    /** Reads the typed view of a domain and where each part was written: what the rules and exporters need. */
    public static DomainDocument read(Path file) throws InputException {
        return read(readBytes(file), file.toString());
    }

    public static DomainDocument read(InputStream in, String name) throws InputException {
        return read(readLimited(in, name), name);
    }

    public static DomainDocument read(byte[] content, String fileName) throws InputException {
        return StreamingBinder.read(content, fileName, NOTHING_ELSE);
    }

    /**
     * Reads a domain and gives every parser event to {@code alsoTo} as well (content and errors; a schema
     * validator, say), so that a document that must be both read and checked is parsed once.
     */
    public static DomainDocument read(byte[] content, String fileName, DefaultHandler alsoTo) throws InputException {
        return StreamingBinder.read(content, fileName, alsoTo);
    }

    private static final DefaultHandler NOTHING_ELSE = new DefaultHandler();

    /** Reads a domain with the user's DOM kept beside the typed view, for edits that change nothing else. */
    public static EditableDocument readEditable(Path file) throws InputException {
        return readEditable(readBytes(file), file.toString());
    }

    /**
     * All of a stream (stdin) up to {@link #MAX_INPUT_BYTES}, never more: a larger input is refused
     * with the same size error as a file, whatever it holds (domain XML or a command line).
     */
    public static byte[] readLimited(InputStream in, String name) throws InputException {
        try {
            byte[] content = in.readNBytes((int) MAX_INPUT_BYTES + 1);
            if (content.length > MAX_INPUT_BYTES) {
                throw tooLarge(name);
            }
            return content;
        } catch (IOException e) {
            throw new InputException(SourcePosition.ofFile(name), "cannot read: " + e.getMessage(), e);
        }
    }

    public static EditableDocument readEditable(byte[] content, String fileName) throws InputException {
        Document dom = LocatedDomParser.parse(content, fileName);
        Element root = dom.getDocumentElement();
        if (!"domain".equals(root.getLocalName()) || root.getNamespaceURI() != null) {
            throw new InputException(LocatedDomParser.positionOf(root).orElse(SourcePosition.ofFile(fileName)),
                    notADomain(root.getTagName()));
        }
        try {
            Binder<Node> binder = context().createBinder();
            binder.setEventHandler(event -> true);
            Domain domain = (Domain) binder.unmarshal(root);
            FirstElementWins.apply(root, binder);
            return new EditableDocument(fileName, new String(content, StandardCharsets.UTF_8), domain, dom, binder);
        } catch (JAXBException | RuntimeException e) {
            throw cannotBind(fileName, e);
        }
    }

    /**
     * JAXB keeps unknown elements as DOM, built by the JDK's serializer, which throws on namespace
     * prefixes starting with "xml" (reserved by the Namespaces spec, yet let through by the parser).
     */
    static InputException cannotBind(String fileName, Exception e) {
        String reserved = e instanceof RuntimeException && String.valueOf(e.getMessage()).contains("prefix 'xml")
                ? " (namespace prefixes starting with 'xml' are reserved; rename it)" : "";
        return new InputException(SourcePosition.ofFile(fileName), "cannot bind domain XML: " + e.getMessage() + reserved, e);
    }

    static String notADomain(String rootName) {
        return "not a libvirt domain XML: the root element is <" + rootName + ">, expected <domain>";
    }

    /** Reads a whole file with the errors users expect to see, never a stack trace. */
    public static byte[] readBytes(Path file) throws InputException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(SourcePosition.ofFile(name), "is a directory, not a domain XML file");
            }
            if (Files.size(file) > MAX_INPUT_BYTES) {
                throw tooLarge(name);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return readLimited(in, name); // a pipe or device (/dev/zero) has no size to check first
            }
        } catch (NoSuchFileException e) {
            throw new InputException(SourcePosition.ofFile(name), "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(SourcePosition.ofFile(name), "permission denied");
        } catch (IOException e) {
            throw new InputException(SourcePosition.ofFile(name), "cannot read: " + e.getMessage(), e);
        }
    }

    /** The one size error for every input, XML or command line. */
    public static InputException tooLarge(String name) {
        return new InputException(SourcePosition.ofFile(name),
                "file is larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MiB; refusing to parse it");
    }
}
