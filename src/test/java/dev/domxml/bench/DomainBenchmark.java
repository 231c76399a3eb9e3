package dev.domxml.bench;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.lint.Linter;
import dev.domxml.lint.SchemaValidator;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.LocatedDomParser;
import jakarta.xml.bind.Binder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Per-domain cost of each stage on the seed domain (vm701): parse + bind (and its two halves: the
 * located DOM and the JAXB binding), rules, export, schema validation and the full lint. Run with
 * {@code bench/jmh}; bench/compare measures whole commands against the peers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DomainBenchmark {
    private byte[] xml;
    private DomainDocument document;
    private VirtualMachine model;
    private Linter linter;
    private SchemaValidator schema;
    private Document dom;

    @Setup
    public void setUp() throws Exception {
        xml = Files.readAllBytes(Path.of("samples/vm701-shared-controller.xml"));
        document = DomainReader.read(xml, "vm701.xml");
        model = DomainMapper.map(document).model().orElseThrow();
        schema = SchemaValidator.bundled();
        linter = new Linter(Optional.of(schema));
        dom = LocatedDomParser.parse(xml, "vm701.xml");
    }

    @Benchmark
    public Document parseLocatedDom() throws Exception {
        return LocatedDomParser.parse(xml, "vm701.xml");
    }

    @Benchmark
    public Object bindJaxb() throws Exception {
        Binder<Node> binder = DomainReader.context().createBinder();
        binder.setEventHandler(event -> true);
        return binder.unmarshal(dom.getDocumentElement());
    }

    @Benchmark
    public Object validateSchema() {
        return schema.validate(xml, "vm701.xml");
    }

    /** What to-args and lint read: typed objects straight from SAX. */
    @Benchmark
    public DomainDocument parse() throws Exception {
        return DomainReader.read(xml, "vm701.xml");
    }

    /** What fix reads: the located DOM and a JAXB binder over it. */
    @Benchmark
    public DomainDocument parseEditable() throws Exception {
        return DomainReader.readEditable(xml, "vm701.xml");
    }

    @Benchmark
    public DomainMapper.Result rules() {
        return DomainMapper.map(document);
    }

    @Benchmark
    public String export() {
        return OutputFormat.SHELL.render(ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(model, ArgsOptions.defaults()));
    }

    @Benchmark
    public Linter.Report lint() {
        return linter.lint(xml, "vm701.xml");
    }
}
