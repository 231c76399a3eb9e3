package dev.domxml.rules;

import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveStorage;

/**
 * A rule over a Proxmox VE VM config as written: what qemu-server ignores, drops or cannot start, which
 * the QEMU model alone cannot tell (the model only has what Proxmox did emit).
 */
public abstract non-sealed class PveRule extends Rule {
    public abstract void check(PveConfig config, PveStorage storage, Findings findings);
}
