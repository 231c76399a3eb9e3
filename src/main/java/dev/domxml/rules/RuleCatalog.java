package dev.domxml.rules;

import dev.domxml.rules.checks.AddressTypeMismatch;
import dev.domxml.rules.checks.BootOrderConflict;
import dev.domxml.rules.checks.ControllerModelUnsupported;
import dev.domxml.rules.checks.ControllerOptionUnsupported;
import dev.domxml.rules.checks.DiskOptionUnsupported;
import dev.domxml.rules.checks.DriveAddressInvalid;
import dev.domxml.rules.checks.DuplicateControllerIndex;
import dev.domxml.rules.checks.DuplicateDriveAddress;
import dev.domxml.rules.checks.DuplicateTarget;
import dev.domxml.rules.checks.IdeUnsupported;
import dev.domxml.rules.checks.IoNativeCache;
import dev.domxml.rules.checks.IoThreadIdInvalid;
import dev.domxml.rules.checks.IoThreadUndefined;
import dev.domxml.rules.checks.IoThreadUnsupportedBus;
import dev.domxml.rules.checks.ShareableFormat;
import java.util.List;
import java.util.Optional;

/** Every rule domxml knows, listed here rather than found by a classpath scan (start-up stays fast). */
public final class RuleCatalog {
    private RuleCatalog() {}

    /** What libvirt refuses: a domain with any of these is not defined and not started. */
    public static List<DomainRule> refusals() {
        return List.of(
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
                new IoNativeCache(),
                new ShareableFormat(),
                new BootOrderConflict());
    }

    public static Optional<DomainRule> byId(String id) {
        return refusals().stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}
