package dev.domxml.rules;

import dev.domxml.binding.Controller;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where libvirt puts each written controller and which index it gives one written without: while
 * parsing, a controller goes after the controllers of its type with a higher index before it (a USB
 * master before its companions), one without an index after the last of its type; once all are read,
 * each one without an index takes the lowest index of its type no controller has, except that a USB2
 * controller (ICH9 EHCI1, UHCI1-3) right after another joins its group unless that group has its model.
 */
final class ControllerIndexes {
    private static final Set<String> USB2_MODELS = Set.of("ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3");
    private static final Set<String> USB_COMPANIONS = Set.of("ich9-uhci1", "ich9-uhci2", "ich9-uhci3");

    /** A controller as written: its index when it has one. */
    record Written(Controller controller, String type, String model, OptionalInt index) {
        Written withIndex(int index) {
            return new Written(controller, type, model, OptionalInt.of(index));
        }

        boolean isUsb2() {
            return type.equals("usb") && USB2_MODELS.contains(model);
        }

        /** A companion names its EHCI master unless its {@code <master>} says otherwise. */
        boolean isCompanion() {
            return type.equals("usb") && USB_COMPANIONS.contains(model);
        }
    }

    private ControllerIndexes() {}

    static void insert(List<Written> controllers, Written controller) {
        int insertAt = -1;
        for (int i = controllers.size() - 1; i >= 0; i--) {
            Written current = controllers.get(i);
            if (!current.type().equals(controller.type())) {
                continue;
            }
            if (controller.index().isEmpty()) {
                insertAt = i + 1;
                break;
            }
            int index = controller.index().getAsInt();
            if (current.index().isPresent() && current.index().getAsInt() > index) {
                insertAt = i;
            } else if (!controller.isCompanion() && current.isCompanion()
                    && current.index().isPresent() && current.index().getAsInt() == index) {
                insertAt = i;
            } else if (insertAt == -1) {
                insertAt = i + 1;
            }
        }
        controllers.add(insertAt == -1 ? controllers.size() : insertAt, controller);
    }

    /** The same controllers, in the same order, every one with an index. */
    static List<Written> assign(List<Written> controllers) {
        List<Written> out = new ArrayList<>(controllers);
        for (int i = 0; i < out.size(); i++) {
            Written controller = out.get(i);
            if (controller.index().isPresent()) {
                continue;
            }
            OptionalInt index = controller.isUsb2() ? usb2GroupIndex(out, i) : OptionalInt.empty();
            out.set(i, controller.withIndex(index.orElseGet(() -> lowestUnused(out, controller.type()))));
        }
        return out;
    }

    private static OptionalInt usb2GroupIndex(List<Written> controllers, int position) {
        Written controller = controllers.get(position);
        for (int i = position - 1; i >= 0; i--) {
            Written previous = controllers.get(i);
            if (!previous.type().equals("usb")) {
                continue;
            }
            if (!previous.isUsb2() || previous.index().isEmpty()) {
                return OptionalInt.empty();
            }
            int index = previous.index().getAsInt();
            boolean modelTaken = controllers.stream().anyMatch(c -> c.type().equals("usb")
                    && c.index().isPresent() && c.index().getAsInt() == index && c.model().equals(controller.model()));
            return modelTaken ? OptionalInt.empty() : OptionalInt.of(index);
        }
        return OptionalInt.empty();
    }

    private static int lowestUnused(List<Written> controllers, String type) {
        int index = 0;
        while (true) {
            int candidate = index;
            if (controllers.stream().noneMatch(c -> c.type().equals(type) && c.index().isPresent()
                    && c.index().getAsInt() == candidate)) {
                return index;
            }
            index++;
        }
    }
}
