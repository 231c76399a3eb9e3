package dev.domxml.cli;

import dev.domxml.rules.HostCapabilities;
import picocli.CommandLine.Option;

/** Which host a domain file is checked for: this machine, as virsh checks it, or any. */
final class HostOptions {
    @Option(names = "--any-host", description = "Check domain files for another host: skip what depends on this"
            + " machine (type='kvm' needs /dev/kvm, a KVM guest's CPU model the host CPU, a TSC frequency the"
            + " host's TSC, <numatune> its NUMA nodes), which virsh domxml-to-native and define check here.")
    boolean anyHost;

    HostCapabilities host() {
        return anyHost ? HostCapabilities.ANY : HostCapabilities.probe();
    }
}
