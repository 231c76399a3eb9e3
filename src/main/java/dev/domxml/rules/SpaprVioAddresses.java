package dev.domxml.rules;

import dev.domxml.binding.Address;
import dev.domxml.model.SpaprVioAddress;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SCSI controllers on the sPAPR VIO bus and their {@code reg}, as libvirt 9.0 assigns them on any
 * machine (qemuDomainAssignSpaprVIOAddresses): an ibmvscsi controller is on it unless written with another
 * address, and any SCSI controller but virtio-scsi may be put there with {@code <address type='spapr-vio'>}.
 * A reg left out is the first free one from 0x2000 up in steps of 0x1000, controller by controller; one
 * written is taken as hex and must not be another's.
 */
final class SpaprVioAddresses {
    private static final long SCSI_FIRST = 0x2000;
    private static final long STEP = 0x1000;
    private static final long MAX_REG = 0xffffffffL;

    private SpaprVioAddresses() {
    }

    /** Each controller on the bus with its address; refusals go to findings. */
    static Map<ResolvedController, SpaprVioAddress> assign(List<ResolvedController> controllers, Findings findings) {
        Map<ResolvedController, OptionalLong> onBus = new IdentityHashMap<>();
        Map<ResolvedController, SpaprVioAddress> out = new IdentityHashMap<>();
        for (ResolvedController c : controllers) {
            Optional<Address> address = c.xml().map(x -> x.address);
            Optional<String> type = address.flatMap(a -> Values.text(a.type));
            boolean ibmvscsi = c.is("scsi") && c.model().equals("ibmvscsi");
            if (type.filter("spapr-vio"::equals).isPresent()) {
                if (!c.is("scsi")) {
                    findings.error(DomainResolver.RULE_ID, c.describe() + ": an <address type='spapr-vio'> on this"
                            + " controller is not supported by domxml (only on SCSI controllers)", c.position());
                } else if (c.model().equals("virtio-scsi")) {
                    findings.error(DomainResolver.RULE_ID, "Unexpected address type for 'virtio-scsi'", c.position());
                } else {
                    written(address.get(), c, findings).ifPresent(reg -> onBus.put(c, reg));
                }
            } else if (ibmvscsi && type.isPresent()) {
                // written with another address (PCI), it stays off PCI and QEMU picks its reg
                out.put(c, new SpaprVioAddress(OptionalLong.empty()));
            } else if (ibmvscsi) {
                onBus.put(c, OptionalLong.empty());
            }
        }
        for (ResolvedController c : controllers) {
            OptionalLong written = onBus.get(c);
            if (written == null) {
                continue;
            }
            long reg = written.orElse(SCSI_FIRST);
            while (takenByAnother(onBus, c, reg)) {
                if (written.isPresent()) {
                    findings.error(DomainResolver.RULE_ID, "spapr-vio address 0x" + Long.toHexString(reg)
                            + " already in use", c.position());
                    return out;
                }
                reg += STEP;
            }
            onBus.put(c, OptionalLong.of(reg));
            out.put(c, new SpaprVioAddress(OptionalLong.of(reg)));
        }
        return out;
    }

    private static boolean takenByAnother(Map<ResolvedController, OptionalLong> onBus, ResolvedController self,
            long reg) {
        return onBus.entrySet().stream().anyMatch(e -> e.getKey() != self && e.getValue().isPresent()
                && e.getValue().getAsLong() == reg);
    }

    /** The reg as written (always hex, 0x or not), or empty for none; a bad one is refused. */
    private static Optional<OptionalLong> written(Address address, ResolvedController c, Findings findings) {
        Optional<String> text = Values.text(address.reg);
        if (text.isEmpty()) {
            return Optional.of(OptionalLong.empty());
        }
        String digits = text.get().replaceFirst("^0[xX]", "");
        if (!digits.matches("[0-9a-fA-F]{1,64}")) {
            findings.error(DomainResolver.RULE_ID, "Invalid value for attribute 'reg' in element 'address': '"
                    + text.get() + "'. Expected non-negative integer value", c.position());
            return Optional.empty();
        }
        BigInteger reg = new BigInteger(digits, 16);
        if (reg.compareTo(BigInteger.valueOf(MAX_REG)) > 0) {
            findings.error(DomainResolver.RULE_ID, "spapr-vio reg='0x" + reg.toString(16)
                    + "' exceeds maximum possible value (0xffffffff)", c.position());
            return Optional.empty();
        }
        return Optional.of(OptionalLong.of(reg.longValue()));
    }
}
