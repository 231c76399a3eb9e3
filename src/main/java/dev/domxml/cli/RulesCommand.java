package dev.domxml.cli;

import dev.domxml.rules.Rule;
import dev.domxml.rules.RuleCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Lists every lint rule: id, severity, whether 'domxml fix' repairs it, and what it finds.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-38s %-8s %-4s %s%n", "RULE", "SEVERITY", "FIX", "TITLE");
        for (Rule rule : RuleCatalog.all()) {
            var info = rule.info();
            out.printf("%-38s %-8s %-4s %s%n", info.id(), info.severity().label(), info.fixable() ? "yes" : "", info.title());
        }
        out.println();
        out.println("Also reported: 'parse' (unreadable XML), 'schema' (RELAX NG), 'invalid-definition' (values libvirt"
                + " cannot read), 'pci-address' (PCI slots). 'domxml lint --explain RULE' describes one rule.");
        return ExitStatus.OK;
    }
}
