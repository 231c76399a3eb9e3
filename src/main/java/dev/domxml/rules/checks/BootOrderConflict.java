package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedDevice;
import dev.domxml.rules.ResolvedInterface;
import dev.domxml.rules.RuleInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

@RuleInfo(
        id = "boot-order-conflict",
        severity = Severity.ERROR,
        title = "<boot order> used twice, or together with <os><boot dev>",
        rationale = "Per-device boot order and the legacy <os><boot dev> list are two ways to say the same thing;"
                + " libvirt takes one or the other, and each order number once.",
        badExample = "<os><boot dev='hd'/></os> ... <disk ...><boot order='1'/></disk>",
        goodExample = "<os>...</os> ... <disk ...><boot order='1'/></disk>")
public final class BootOrderConflict extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        Map<Integer, String> used = new HashMap<>();
        // The implicit boot dev=hd is only added when no device has a boot order, so any left were written.
        boolean explicitOsBoot = !domain.osBootDevices().isEmpty();
        for (ResolvedDisk disk : domain.disks()) {
            check(findings, used, explicitOsBoot, disk.bootOrder(), disk.describe(), disk.position());
        }
        for (ResolvedInterface nic : domain.interfaces()) {
            check(findings, used, explicitOsBoot, nic.bootOrder(), "interface", nic.position());
        }
        for (ResolvedDevice device : domain.peripherals()) {
            if (device.is("hostdev") || device.is("redirdev")) {
                OptionalInt order = device.value("bootindex").map(o -> OptionalInt.of(Integer.parseInt(o)))
                        .orElse(OptionalInt.empty());
                check(findings, used, explicitOsBoot, order, device.is("hostdev") ? "host device" : "redirected device",
                        device.position());
            }
        }
    }

    private void check(Findings findings, Map<Integer, String> used, boolean osBoot, OptionalInt order, String what,
            Optional<SourcePosition> position) {
        if (order.isEmpty()) {
            return;
        }
        if (osBoot) {
            report(findings, what + " has <boot order> while <os> has <boot dev>: use one or the other", position);
        }
        String first = used.putIfAbsent(order.getAsInt(), what);
        if (first != null) {
            report(findings, what + " has boot order " + order.getAsInt() + ", already used by " + first, position);
        }
    }
}
