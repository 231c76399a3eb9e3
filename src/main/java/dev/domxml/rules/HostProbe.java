package dev.domxml.rules;

import java.util.function.Supplier;

/**
 * A fact about the host that costs something to learn (a file of the kernel's, ioctls on /dev/kvm): learnt the
 * first time a domain needs it, once for all the threads of a batch, never at start-up.
 */
final class HostProbe<T> implements Supplier<T> {
    private final Supplier<T> probe;
    private T value;

    HostProbe(Supplier<T> probe) {
        this.probe = probe;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = probe.get();
        }
        return value;
    }
}
