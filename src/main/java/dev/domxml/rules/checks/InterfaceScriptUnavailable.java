package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedInterface;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "interface-script-unavailable",
        severity = Severity.ERROR,
        title = "An interface's <script> is not a program this host can run",
        rationale = "libvirt runs an interface's <script path> to bring its tap device up, even for"
                + " domxml-to-native, and refuses the domain when the program cannot be run. Checked against this"
                + " machine unless the command is told the domain is meant for another host (--any-host).",
        badExample = "<interface type='ethernet'><script path='/etc/qemu-ifup-missing'/></interface>",
        goodExample = "<interface type='ethernet'><script path='/etc/qemu-ifup'/></interface>  (an executable file)")
public final class InterfaceScriptUnavailable extends DomainRule {
    private final HostCapabilities host;

    public InterfaceScriptUnavailable(HostCapabilities host) {
        this.host = host;
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedInterface nic : domain.interfaces()) {
            nic.script().filter(script -> !host.canRun(script)).ifPresent(script -> report(findings,
                    "interface script " + script + " cannot be run on this host (cannot execute binary " + script
                            + ": No such file or directory); libvirt runs it to bring the tap device up, so it"
                            + " refuses the domain here too; use --any-host to check it for another host",
                    nic.position()));
        }
    }
}
