package dev.domxml.rules;

import dev.domxml.model.VirtualMachine;
import dev.domxml.report.SourceMap;

/**
 * A rule over the QEMU model, so that it applies to every input that becomes one (domain XML, raw
 * command lines); {@code sources} says where each device was written.
 */
public abstract non-sealed class ModelRule extends Rule {
    public abstract void check(VirtualMachine vm, SourceMap sources, Findings findings);
}
