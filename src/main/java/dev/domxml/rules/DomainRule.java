package dev.domxml.rules;

/** A rule over a domain as libvirt resolves it: what was written, with libvirt's defaults filled in. */
public abstract non-sealed class DomainRule extends Rule {
    public abstract void check(ResolvedDomain domain, Findings findings);
}
