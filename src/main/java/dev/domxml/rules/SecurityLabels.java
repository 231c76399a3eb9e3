package dev.domxml.rules;

import dev.domxml.binding.Seclabel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libvirt's checks of {@code <seclabel>}, the domain's and an image's: one label per security model, a
 * model on every label once there are several (the domain's only), and a label for a static one.
 * Labels never reach QEMU's command line.
 */
final class SecurityLabels {
    private SecurityLabels() {}

    static void checkDomain(DomainResolver resolver, List<Seclabel> labels) {
        if (!distinctModels(resolver, labels)) {
            return;
        }
        for (Seclabel label : labels) {
            if (labels.size() > 1 && Values.text(label.model).isEmpty()) {
                resolver.invalid(label, "missing security model when using multiple labels");
                return;
            }
            if ("static".equals(Values.text(label.type).orElse("dynamic")) && Values.text(label.label).isEmpty()) {
                resolver.invalid(label, "security label is missing");
                return;
            }
        }
    }

    /** An image's labels override the domain's label of the same model, which must relabel. */
    static void checkImage(DomainResolver resolver, List<Seclabel> labels, List<Seclabel> domainLabels) {
        if (!distinctModels(resolver, labels)) {
            return;
        }
        for (Seclabel label : labels) {
            String model = Values.text(label.model).orElse("");
            boolean overridesOneThatKeepsLabels = domainLabels.stream()
                    .filter(d -> Values.text(d.model).orElse("").equals(model))
                    .anyMatch(d -> !relabels(d));
            if (overridesOneThatKeepsLabels) {
                resolver.invalid(label, "label overrides require relabeling to be enabled at the domain level");
                return;
            }
        }
    }

    /** Only a dynamic label relabels unless told otherwise. */
    private static boolean relabels(Seclabel label) {
        return Values.text(label.relabel).map(r -> r.equals("yes"))
                .orElse(Values.text(label.type).orElse("dynamic").equals("dynamic"));
    }

    private static boolean distinctModels(DomainResolver resolver, List<Seclabel> labels) {
        Set<String> models = new HashSet<>();
        for (Seclabel label : labels) {
            // libvirt compares absent models too, and names one as "(null)"
            String model = Values.text(label.model).orElse("(null)");
            if (!models.add(model)) {
                resolver.invalid(label, "seclabel for model " + model + " is already provided");
                return false;
            }
        }
        return true;
    }
}
