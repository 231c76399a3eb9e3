package dev.domxml.lint;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.SchemaReader;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * RELAX NG validation with Jing: libvirt's own {@code domain.rng} where it is installed, domxml's
 * schema otherwise. The schema is compiled once and shared; the document is parsed by domxml's
 * hardened parser and its events fed to Jing, so no DOCTYPE or entity ever gets through.
 */
public final class SchemaValidator {
    public static final String RULE_ID = "schema";
    public static final Path LIBVIRT_SCHEMA_DIR = Path.of("/usr/share/libvirt/schemas");
    private static final String BUNDLED = "/schemas/domxml-domain.rng";

    private final Schema schema;
    private final String description;
    /**
     * Jing's validator memoizes what it learnt of the schema; a new one per document starts cold and
     * costs several times more. Each thread keeps one, reset between documents.
     */
    private final ThreadLocal<Reusable> reusable = ThreadLocal.withInitial(this::newReusable);

    /** A validator with an error handler that reports to whichever document is being validated. */
    private record Reusable(Validator validator, Forwarding errors) {}

    private static final class Forwarding implements ErrorHandler {
        ErrorHandler target;

        @Override
        public void warning(SAXParseException e) throws SAXException {
            target.warning(e);
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            target.error(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            target.fatalError(e);
        }
    }

    private SchemaValidator(Schema schema, String description) {
        this.schema = schema;
        this.description = description;
    }

    private Reusable newReusable() {
        Forwarding errors = new Forwarding();
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, errors);
        return new Reusable(schema.createValidator(properties.toPropertyMap()), errors);
    }

    /** The default schema (libvirt's installed one, else the bundled one), compiled once per process. */
    private static final class Default {
        static final SchemaValidator INSTANCE;
        static final IOException FAILURE;

        static {
            SchemaValidator loaded = null;
            IOException failure = null;
            try {
                loaded = compileFrom(Optional.empty());
            } catch (IOException e) {
                failure = e;
            }
            INSTANCE = loaded;
            FAILURE = failure;
        }
    }

    /** libvirt's schema from {@code dir} (or the installed one), else the bundled one. */
    public static SchemaValidator load(Optional<Path> schemaDir) throws IOException {
        if (schemaDir.isEmpty()) {
            if (Default.FAILURE != null) {
                throw Default.FAILURE;
            }
            return Default.INSTANCE;
        }
        return compileFrom(schemaDir);
    }

    private static SchemaValidator compileFrom(Optional<Path> schemaDir) throws IOException {
        Path dir = schemaDir.orElse(LIBVIRT_SCHEMA_DIR);
        Path domainRng = dir.resolve("domain.rng");
        if (Files.isRegularFile(domainRng)) {
            return new SchemaValidator(compile(new InputSource(domainRng.toUri().toString())),
                    "libvirt schema " + domainRng);
        }
        Path ours = dir.resolve("domxml-domain.rng");
        if (schemaDir.isPresent() && Files.isRegularFile(ours)) {
            return new SchemaValidator(compile(new InputSource(ours.toUri().toString())), "domxml schema " + ours);
        }
        if (schemaDir.isPresent()) {
            throw new IOException("no domain.rng (or domxml-domain.rng) in " + dir);
        }
        return bundled();
    }

    /** domxml's own schema (schemas/domxml-domain.rng), whatever is installed. */
    public static SchemaValidator bundled() throws IOException {
        URL bundled = SchemaValidator.class.getResource(BUNDLED);
        if (bundled == null) {
            throw new IOException("the bundled schema " + BUNDLED + " is missing from the jar");
        }
        return new SchemaValidator(compile(new InputSource(bundled.toString())), "domxml schema " + BUNDLED);
    }

    private static Schema compile(InputSource source) throws IOException {
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, new StrictHandler());
        SchemaReader reader = SAXSchemaReader.getInstance();
        try {
            return reader.createSchema(source, properties.toPropertyMap());
        } catch (SAXException | IncorrectSchemaException e) {
            throw new IOException("cannot load schema " + source.getSystemId() + ": " + e.getMessage(), e);
        }
    }

    public String description() {
        return description;
    }

    private static final SAXParserFactory SAX = SecureXml.saxParserFactory();
    /** Making a parser costs more than validating a domain; batch runs reuse one per thread. */
    private static final ThreadLocal<XMLReader> READER = ThreadLocal.withInitial(() -> {
        try {
            return SAX.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be made: " + e.getMessage(), e);
        }
    });

    /** Schema violations of {@code content} as error findings with line and column. */
    public List<Diagnostic> validate(byte[] content, String fileName) {
        try (Validation validation = begin(fileName); InputStream in = new ByteArrayInputStream(content)) {
            XMLReader reader = READER.get();
            reader.setContentHandler(validation.handler());
            reader.setErrorHandler(validation.handler());
            InputSource source = new InputSource(in);
            source.setSystemId(fileName);
            try {
                reader.parse(source);
            } catch (SAXException e) {
                validation.failed(e);
            }
            return validation.findings();
        } catch (IOException e) {
            return List.of(new Diagnostic(Severity.ERROR, RULE_ID, "schema: " + e.getMessage(),
                    Optional.of(SourcePosition.ofFile(fileName))));
        }
    }

    /**
     * Starts checking one document whose parse someone else runs: the parser's events go to {@link
     * Validation#handler()}, so that a document read for its content is validated in the same pass.
     */
    public Validation begin(String fileName) {
        return new Validation(fileName, reusable.get());
    }

    /** One document's validation, on this thread's validator; close it to free the validator. */
    public static final class Validation implements AutoCloseable {
        private final String fileName;
        private final Reusable checker;
        private final List<Diagnostic> findings = new ArrayList<>();
        private final DefaultHandler handler;

        private Validation(String fileName, Reusable checker) {
            this.fileName = fileName;
            this.checker = checker;
            ErrorHandler collect = new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) {
                    findings.add(new Diagnostic(Severity.ERROR, RULE_ID, "schema: " + e.getMessage(),
                            Optional.of(new SourcePosition(fileName, Math.max(1, e.getLineNumber()),
                                    Math.max(1, e.getColumnNumber())))));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    error(e);
                }
            };
            checker.errors().target = collect;
            checker.validator().reset();
            this.handler = new SaxForwarder(checker.validator().getContentHandler(), collect);
        }

        /** Where the parser's events (content and errors) go. */
        public DefaultHandler handler() {
            return handler;
        }

        /** The parse stopped: a finding at the file unless the parser's error was already reported. */
        void failed(Exception e) {
            if (findings.isEmpty()) {
                findings.add(new Diagnostic(Severity.ERROR, RULE_ID, "schema: " + e.getMessage(),
                        Optional.of(SourcePosition.ofFile(fileName))));
            }
        }

        public List<Diagnostic> findings() {
            return List.copyOf(findings);
        }

        @Override
        public void close() {
            checker.validator().reset();
            checker.errors().target = null;
        }
    }

    private static final class StrictHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }
}
