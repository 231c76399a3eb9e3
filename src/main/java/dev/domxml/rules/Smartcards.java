package dev.domxml.rules;

import dev.domxml.binding.Smartcard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <smartcard>}: a card reader (ccid-card-emulated or ccid-card-passthru) on slot 0 of a CCID controller,
 * which libvirt adds when none is written. Only one: QEMU's CCID controllers take a single card each, and
 * libvirt 9.0 writes only the first smartcard.
 */
final class Smartcards {
    /** libvirt's NSS database for certificate-based cards when the XML names none. */
    static final String DEFAULT_DATABASE = "/etc/pki/nssdb";

    private Smartcards() {}

    static List<ResolvedDevice> resolve(DomainResolver resolver, List<Smartcard> smartcards, boolean spice) {
        List<ResolvedDevice> out = new ArrayList<>();
        for (int i = 0; i < smartcards.size(); i++) {
            Smartcard card = smartcards.get(i);
            if (i > 0) {
                resolver.invalid(card, "this QEMU binary lacks multiple smartcard support");
                continue;
            }
            String mode = Values.text(card.mode).orElse("");
            Map<String, String> values = new LinkedHashMap<>();
            String type = "";
            switch (mode) {
                case "host" -> { }
                case "host-certificates" -> {
                    if (card.certificates.size() != 3) {
                        resolver.invalid(card, "host-certificates mode needs exactly three certificates");
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        values.put("cert" + (c + 1), Values.text(card.certificates.get(c)).orElse(""));
                    }
                    values.put("db", Values.text(card.database).orElse(DEFAULT_DATABASE));
                }
                case "passthrough" -> {
                    type = Values.text(card.type).orElse("");
                    if (type.equals("spicevmc") && !spice) {
                        resolver.invalid(card, "chardev 'spicevmc' needs <graphics type='spice'>");
                        continue;
                    }
                    values.putAll(resolver.sourceValues(card));
                }
                default -> {
                    resolver.invalid(card, "unknown smartcard mode '" + mode + "' (host, host-certificates, passthrough)");
                    continue;
                }
            }
            values.put("mode", mode);
            if (card.address != null && Values.text(card.address.type).isPresent()) {
                // QEMU 7.2 takes one card, on slot 0 of the first CCID controller, as far as libvirt knows
                boolean firstSlot = "ccid".equals(card.address.type)
                        && resolver.optionalUnsigned(card.address, card.address.controller, "ccid controller").orElse(0) == 0
                        && resolver.optionalUnsigned(card.address, card.address.slot, "ccid slot").orElse(0) == 0;
                if (!firstSlot) {
                    resolver.invalid(card, "this QEMU binary lacks multiple smartcard support");
                    continue;
                }
            }
            out.add(new ResolvedDevice("smartcard", type, Optional.of("ccid"), resolver.at(card), Optional.empty(),
                    Map.of(), values));
        }
        return out;
    }
}
