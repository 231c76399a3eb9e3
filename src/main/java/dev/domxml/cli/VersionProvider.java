package dev.domxml.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"domxml " + (version == null ? "(development build)" : version)
                + " (reproduces libvirt 9.0 with QEMU 7.2)"};
    }
}
