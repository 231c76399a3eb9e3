package dev.domxml.report;

/** How bad a finding is; {@code ERROR} means libvirt itself refuses the domain. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
