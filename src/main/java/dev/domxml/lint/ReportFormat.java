package dev.domxml.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.Rule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.rules.RuleInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How lint reports are written: compiler-style text, JSON, or SARIF 2.1.0 for code-scanning tools. */
public enum ReportFormat {
    TEXT, JSON, SARIF;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    public void write(List<Linter.Report> reports, String version, PrintWriter out) {
        switch (this) {
            case TEXT -> reports.forEach(r -> r.findings().forEach(d -> out.println(d.format(r.file()))));
            case JSON -> out.println(json(reports));
            case SARIF -> out.println(sarif(reports, version));
        }
        out.flush();
    }

    private static String json(List<Linter.Report> reports) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("files", reports.size());
        ArrayNode findings = root.putArray("findings");
        for (Linter.Report report : reports) {
            for (Diagnostic d : report.findings()) {
                ObjectNode f = findings.addObject();
                SourcePosition p = d.position().orElse(SourcePosition.ofFile(report.file()));
                f.put("file", p.file());
                f.put("line", p.line());
                f.put("column", p.column());
                f.put("severity", d.severity().label());
                f.put("rule", d.ruleId());
                f.put("message", d.message());
                f.put("fix", fixable(d.ruleId()));
            }
        }
        return write(root);
    }

    private static boolean fixable(String ruleId) {
        return RuleCatalog.byId(ruleId).map(r -> r.info().fixable()).orElse(false);
    }

    private static String sarif(List<Linter.Report> reports, String version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "domxml");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/domxml/domxml");
        ArrayNode rules = driver.putArray("rules");
        List<Rule> catalog = RuleCatalog.all();
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
        ArrayNode results = run.putArray("results");
        for (Linter.Report report : reports) {
            for (Diagnostic d : report.findings()) {
                ObjectNode result = results.addObject();
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
            }
        }
        return write(root);
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

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
