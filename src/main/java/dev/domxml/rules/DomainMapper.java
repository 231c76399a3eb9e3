package dev.domxml.rules;

import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourceMap;
import dev.domxml.xml.DomainDocument;
import java.util.List;
import java.util.Optional;

/**
 * Domain XML to QEMU model, the way libvirt 9.0 does it for QEMU 7.2: parse and post-parse
 * ({@link DomainResolver}), refuse what libvirt refuses ({@link RuleCatalog#refusals(HostCapabilities)}), then build
 * the model ({@link ModelBuilder}).
 */
public final class DomainMapper {
    private DomainMapper() {}

    /** The model, or the reasons libvirt would refuse the domain. */
    public record Result(
            Optional<VirtualMachine> model, Optional<SourceMap> sources, Optional<ResolvedDomain> resolved,
            List<Diagnostic> errors) {
        public boolean accepted() {
            return model.isPresent();
        }
    }

    /** Mapped for a host that runs anything: what libvirt would make of the domain on a KVM host. */
    public static Result map(DomainDocument document) {
        return map(document, HostCapabilities.ANY);
    }

    /** Mapped for a host with these capabilities: what libvirt would refuse there is refused. */
    public static Result map(DomainDocument document, HostCapabilities host) {
        Findings findings = new Findings();
        Optional<ResolvedDomain> resolved = DomainResolver.resolve(document, findings);
        if (resolved.isEmpty()) {
            return new Result(Optional.empty(), Optional.empty(), Optional.empty(), findings.all());
        }
        for (DomainRule rule : RuleCatalog.refusals(host)) {
            rule.check(resolved.get(), findings);
        }
        if (findings.hasErrors()) {
            return new Result(Optional.empty(), Optional.empty(), resolved, findings.all());
        }
        Optional<ModelBuilder.Built> built = ModelBuilder.build(resolved.get(), findings);
        if (built.isEmpty() || findings.hasErrors()) {
            return new Result(Optional.empty(), Optional.empty(), resolved, findings.all());
        }
        return new Result(Optional.of(built.get().model()), Optional.of(built.get().sources()), resolved,
                findings.all());
    }
}
