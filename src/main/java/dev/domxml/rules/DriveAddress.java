package dev.domxml.rules;

/** A {@code <address type='drive'>}: controller index, bus, target, unit. */
public record DriveAddress(int controller, int bus, int target, int unit) {
    @Override
    public String toString() {
        return controller + ":" + bus + ":" + target + ":" + unit;
    }
}
