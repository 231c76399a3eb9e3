package dev.domxml.model;

import java.util.OptionalInt;

/**
 * {@code -boot}: the firmware boot menu (on, or written off: {@code menuOff}); devices carry their own
 * {@code bootindex}.
 */
public record BootOptions(boolean menu, OptionalInt splashTimeMs, boolean menuOff) {
    public BootOptions(boolean menu, OptionalInt splashTimeMs) {
        this(menu, splashTimeMs, false);
    }
}
