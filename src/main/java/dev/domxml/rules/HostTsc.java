package dev.domxml.rules;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's TSC as KVM reports it, which libvirt checks a guest's {@code <timer name='tsc' frequency>} against:
 * its frequency (KVM_GET_TSC_KHZ of a throwaway vCPU) and whether KVM can scale it (KVM_CAP_TSC_CONTROL).
 * Probed once, and only when a domain asks for a frequency: it opens /dev/kvm through the C library.
 */
public final class HostTsc {
    /** What libvirt learnt; empty where it could not probe (no KVM), and then it checks nothing. */
    public record Info(long frequencyHz, boolean scaling) {}

    /** A host whose TSC is unknown: nothing is checked. */
    public static final HostTsc UNKNOWN = new HostTsc(Optional::empty);

    private final Supplier<Optional<Info>> info;

    private HostTsc(Supplier<Optional<Info>> probe) {
        this.info = new HostProbe<>(probe);
    }

    /** A host with this TSC, for tests and for checking a domain against another machine's. */
    public static HostTsc of(Info info) {
        return new HostTsc(() -> Optional.of(info));
    }

    /** This machine's, through /dev/kvm. */
    static HostTsc kvm() {
        return new HostTsc(HostTsc::probeKvm);
    }

    public Optional<Info> info() {
        return info.get();
    }

    /** The C library's calls libvirt's probe makes (virHostCPUGetTscInfo). */
    private interface C extends Library {
        int open(String path, int flags);

        int ioctl(int fd, NativeLong request, NativeLong argument);

        int close(int fd);
    }

    private static final int O_RDONLY = 0;
    private static final long KVM_CHECK_EXTENSION = 0xAE03;
    private static final long KVM_CREATE_VM = 0xAE01;
    private static final long KVM_CREATE_VCPU = 0xAE41;
    private static final long KVM_GET_TSC_KHZ = 0xAEA3;
    private static final long KVM_CAP_TSC_CONTROL = 60;

    private static Optional<Info> probeKvm() {
        C c;
        try {
            c = Native.load("c", C.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
        int kvm = c.open("/dev/kvm", O_RDONLY);
        if (kvm < 0) {
            return Optional.empty();
        }
        int vm = -1;
        int vcpu = -1;
        try {
            vm = c.ioctl(kvm, new NativeLong(KVM_CREATE_VM), new NativeLong(0));
            vcpu = vm < 0 ? -1 : c.ioctl(vm, new NativeLong(KVM_CREATE_VCPU), new NativeLong(0));
            int khz = vcpu < 0 ? -1 : c.ioctl(vcpu, new NativeLong(KVM_GET_TSC_KHZ), new NativeLong(0));
            int scaling = khz < 0 ? -1 : c.ioctl(kvm, new NativeLong(KVM_CHECK_EXTENSION), new NativeLong(KVM_CAP_TSC_CONTROL));
            return scaling < 0 ? Optional.empty() : Optional.of(new Info(khz * 1000L, scaling > 0));
        } finally {
            for (int fd : new int[] {vcpu, vm, kvm}) {
                if (fd >= 0) {
                    c.close(fd);
                }
            }
        }
    }
}
