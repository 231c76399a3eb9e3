package dev.domxml.model;

import java.util.OptionalInt;

/**
 * {@code -boot}: the firmware boot menu (on, or written off: {@code menuOff}) and how long the firmware waits
 * before it tries again when nothing boots ({@code rebootTimeoutMs}, -1: never), when written; devices carry their
 * own {@code bootindex}.
 */
public record BootOptions(boolean menu, OptionalInt splashTimeMs, boolean menuOff, OptionalInt rebootTimeoutMs) {
    public BootOptions(boolean menu, OptionalInt splashTimeMs, boolean menuOff) {
        this(menu, splashTimeMs, menuOff, OptionalInt.empty());
    }

    public BootOptions(boolean menu, OptionalInt splashTimeMs) {
        this(menu, splashTimeMs, false);
    }
}
