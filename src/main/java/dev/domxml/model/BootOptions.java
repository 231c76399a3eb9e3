package dev.domxml.model;

import java.util.OptionalInt;

/** {@code -boot}: the firmware boot menu; devices carry their own {@code bootindex}. */
public record BootOptions(boolean menu, OptionalInt splashTimeMs) {}
