package dev.domxml.rules;

import dev.domxml.rules.checks.AddressTypeMismatch;
import dev.domxml.rules.checks.BootOrderConflict;
import dev.domxml.rules.checks.ControllerModelUnsupported;
import dev.domxml.rules.checks.ControllerOptionUnsupported;
import dev.domxml.rules.checks.DiskOptionUnsupported;
import dev.domxml.rules.checks.DiskSourceMissing;
import dev.domxml.rules.checks.DriveAddressInvalid;
import dev.domxml.rules.checks.DuplicateControllerIndex;
import dev.domxml.rules.checks.DuplicateDriveAddress;
import dev.domxml.rules.checks.DuplicateTarget;
import dev.domxml.rules.checks.IdeUnsupported;
import dev.domxml.rules.checks.IoNativeCache;
import dev.domxml.rules.checks.IoThreadIdInvalid;
import dev.domxml.rules.checks.IoThreadUndefined;
import dev.domxml.rules.checks.IoThreadUnsupportedBus;
import dev.domxml.rules.checks.HostCpuIncompatible;
import dev.domxml.rules.checks.KvmUnavailable;
import dev.domxml.rules.checks.TscFrequencyUnsupported;
import dev.domxml.rules.checks.HostNumaNodeUnavailable;
import dev.domxml.rules.checks.InterfaceScriptUnavailable;
import dev.domxml.rules.checks.HugePagesUnsupported;
import dev.domxml.rules.checks.NumaPlacementAutomatic;
import dev.domxml.rules.checks.LunDiskInvalid;
import dev.domxml.rules.checks.ShareableFormat;
import dev.domxml.rules.checks.TransientDiskUnsupported;
import dev.domxml.rules.advice.CacheUnsafe;
import dev.domxml.rules.advice.DetectZeroesUnmapWithoutDiscard;
import dev.domxml.rules.advice.IoThreadMissing;
import dev.domxml.rules.advice.IoThreadUnused;
import dev.domxml.rules.advice.IoThreadsExceedVcpus;
import dev.domxml.rules.advice.QueuesExceedVcpus;
import dev.domxml.rules.advice.ReservationsSourceIgnored;
import dev.domxml.rules.advice.RotationRateIgnored;
import dev.domxml.rules.advice.ScsiEmulatedController;
import dev.domxml.rules.advice.ScsiSharedControllerIothread;
import dev.domxml.rules.advice.ShareableCache;
import dev.domxml.rules.pve.PveAioIoUringStorage;
import dev.domxml.rules.pve.PveAioNativeCache;
import dev.domxml.rules.pve.PveIothreadIgnored;
import dev.domxml.rules.pve.PveOptionNotForBus;
import dev.domxml.rules.pve.PveQueuesDropped;
import dev.domxml.rules.pve.PveSsdIgnored;
import java.util.List;
import java.util.Optional;

/** Every rule domxml knows, listed here rather than found by a classpath scan (start-up stays fast). */
public final class RuleCatalog {
    private RuleCatalog() {}

    /** What libvirt refuses on any host: a domain with any of these is not defined and not started. */
    public static List<DomainRule> refusals() {
        return refusals(HostCapabilities.ANY);
    }

    /** What libvirt refuses on a host with these capabilities. */
    public static List<DomainRule> refusals(HostCapabilities host) {
        return List.of(
                new KvmUnavailable(host),
                new HostCpuIncompatible(host),
                new TscFrequencyUnsupported(host),
                new NumaPlacementAutomatic(),
                new HostNumaNodeUnavailable(host),
                new InterfaceScriptUnavailable(host),
                new HugePagesUnsupported(),
                new IoThreadIdInvalid(),
                new IoThreadUndefined(),
                new IoThreadUnsupportedBus(),
                new ControllerOptionUnsupported(),
                new ControllerModelUnsupported(),
                new DuplicateControllerIndex(),
                new IdeUnsupported(),
                new AddressTypeMismatch(),
                new DriveAddressInvalid(),
                new DuplicateTarget(),
                new DuplicateDriveAddress(),
                new DiskOptionUnsupported(),
                new DiskSourceMissing(),
                new LunDiskInvalid(),
                new TransientDiskUnsupported(),
                new IoNativeCache(),
                new ShareableFormat(),
                new BootOrderConflict());
    }

    /** Advice over the resolved domain: what libvirt accepts but silently costs performance or safety. */
    public static List<DomainRule> domainAdvice() {
        return List.of(
                new DetectZeroesUnmapWithoutDiscard(),
                new CacheUnsafe(),
                new ShareableCache(),
                new RotationRateIgnored(),
                new ReservationsSourceIgnored());
    }

    /** Advice over the QEMU model, so it applies to command lines as well as to domain XML. */
    public static List<ModelRule> modelAdvice() {
        return List.of(
                new ScsiSharedControllerIothread(),
                new IoThreadMissing(),
                new IoThreadUnused(),
                new IoThreadsExceedVcpus(),
                new ScsiEmulatedController(),
                new QueuesExceedVcpus());
    }

    /** Rules over Proxmox VE VM configs as written: what qemu-server ignores, drops or cannot start. */
    public static List<PveRule> pveConfig() {
        return List.of(
                new PveIothreadIgnored(),
                new PveQueuesDropped(),
                new PveOptionNotForBus(),
                new PveSsdIgnored(),
                new PveAioNativeCache(),
                new PveAioIoUringStorage());
    }

    /** The whole catalogue: refusals first, then advice, then the Proxmox VE config rules. */
    public static List<Rule> all() {
        List<Rule> all = new java.util.ArrayList<>();
        all.addAll(refusals());
        all.addAll(domainAdvice());
        all.addAll(modelAdvice());
        all.addAll(pveConfig());
        return List.copyOf(all);
    }

    public static Optional<Rule> byId(String id) {
        return all().stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}
