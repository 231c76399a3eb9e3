package dev.domxml.lint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.Rule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.rules.RuleInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How lint reports are written: compiler-style text, JSON, or SARIF 2.1.0 for code-scanning tools. */
public enum ReportFormat {
    TEXT, JSON, SARIF;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** Writes all reports at once; {@link #open} streams them. */
    public void write(List<Linter.Report> reports, String version, PrintWriter out) {
        ReportWriter writer = open(version, out);
        reports.forEach(writer::add);
        writer.finish();
    }

    /**
     * A writer that prints each report as it is added, so that a run over thousands of files holds none
     * of them: text line by line, JSON and SARIF through a streaming generator.
     */
    public ReportWriter open(String version, PrintWriter out) {
        return switch (this) {
            case TEXT -> new TextWriter(out);
            case JSON -> new JsonWriter(out);
            case SARIF -> new SarifWriter(out, version);
        };
    }

    /** Receives the reports of one run, in order, then {@link #finish()}. */
    public interface ReportWriter {
        void add(Linter.Report report);

        void finish();
    }

    private record TextWriter(PrintWriter out) implements ReportWriter {
        @Override
        public void add(Linter.Report report) {
            report.findings().forEach(d -> out.println(d.format(report.file())));
        }

        @Override
        public void finish() {
            out.flush();
        }
    }

    /** Shared by JSON and SARIF: a pretty-printing generator whose I/O errors are the writer's. */
    private abstract static class StreamingWriter implements ReportWriter {
        final JsonGenerator json;
        private final PrintWriter out;

        StreamingWriter(PrintWriter out) {
            this.out = out;
            try {
                json = MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        interface Step {
            void run() throws IOException;
        }

        final void emit(Step step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        final void closeAndFlush() {
            emit(() -> {
                json.close();
                out.println();
                out.flush();
            });
        }
    }

    private static final class JsonWriter extends StreamingWriter {
        private int files;

        JsonWriter(PrintWriter out) {
            super(out);
            emit(() -> {
                json.writeStartObject();
                json.writeArrayFieldStart("findings");
            });
        }

        @Override
        public void add(Linter.Report report) {
            files++;
            emit(() -> {
                for (Diagnostic d : report.findings()) {
                    SourcePosition p = d.position().orElse(SourcePosition.ofFile(report.file()));
                    json.writeStartObject();
                    json.writeStringField("file", p.file());
                    json.writeNumberField("line", p.line());
                    json.writeNumberField("column", p.column());
                    json.writeStringField("severity", d.severity().label());
                    json.writeStringField("rule", d.ruleId());
                    json.writeStringField("message", d.message());
                    json.writeBooleanField("fix", fixable(d.ruleId()));
                    json.writeEndObject();
                }
            });
        }

        @Override
        public void finish() {
            emit(() -> {
                json.writeEndArray();
                // Known only at the end of a stream, hence after the findings.
                json.writeNumberField("files", files);
                json.writeEndObject();
            });
            closeAndFlush();
        }
    }

    private static boolean fixable(String ruleId) {
        return RuleCatalog.byId(ruleId).map(r -> r.info().fixable()).orElse(false);
    }

    private static final class SarifWriter extends StreamingWriter {
        private final List<Rule> catalog = RuleCatalog.all();

        SarifWriter(PrintWriter out, String version) {
            super(out);
            emit(() -> {
                json.writeStartObject();
                json.writeStringField("$schema", SARIF_SCHEMA);
                json.writeStringField("version", "2.1.0");
                json.writeArrayFieldStart("runs");
                json.writeStartObject();
                json.writeObjectFieldStart("tool");
                json.writeFieldName("driver");
                json.writeTree(driver(catalog, version));
                json.writeEndObject();
                json.writeArrayFieldStart("results");
            });
        }

        @Override
        public void add(Linter.Report report) {
            emit(() -> {
                for (Diagnostic d : report.findings()) {
                    json.writeTree(result(catalog, report, d));
                }
            });
        }

        @Override
        public void finish() {
            emit(() -> {
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            });
            closeAndFlush();
        }
    }

    private static ObjectNode driver(List<Rule> catalog, String version) {
        ObjectNode driver = MAPPER.createObjectNode();
        driver.put("name", "domxml");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/domxml/domxml");
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : catalog) {
            RuleInfo info = rule.info();
            ObjectNode r = rules.addObject();
            r.put("id", info.id());
            r.put("name", camel(info.id()));
            r.putObject("shortDescription").put("text", info.title());
            r.putObject("fullDescription").put("text", info.rationale());
            r.putObject("help").put("text", "Bad:\n" + info.badExample() + "\nGood:\n" + info.goodExample());
            r.putObject("defaultConfiguration").put("level", level(info.severity().label()));
            r.putObject("properties").put("fixable", info.fixable());
        }
        return driver;
    }

    private static ObjectNode result(List<Rule> catalog, Linter.Report report, Diagnostic d) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", d.ruleId());
        int index = indexOf(catalog, d.ruleId());
        if (index >= 0) {
            result.put("ruleIndex", index);
        }
        result.put("level", level(d.severity().label()));
        result.putObject("message").put("text", d.message());
        SourcePosition p = d.position().orElse(SourcePosition.ofFile(report.file()));
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(p.file()));
        if (p.hasLine()) {
            ObjectNode region = physical.putObject("region");
            region.put("startLine", p.line());
            region.put("startColumn", Math.max(1, p.column()));
        }
        return result;
    }

    private static int indexOf(List<Rule> catalog, String id) {
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.get(i).info().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String uri(String file) {
        if (file.equals("-") || file.equals("<stdin>")) {
            return "stdin";
        }
        Path path = Path.of(file);
        return path.isAbsolute() ? path.toUri().toString() : file.replace('\\', '/');
    }

    private static String level(String severity) {
        return switch (severity) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "note";
        };
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    public static Optional<ReportFormat> parse(String value) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
