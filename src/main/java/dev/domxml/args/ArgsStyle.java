package dev.domxml.args;

/** {@code libvirt}: -blockdev and JSON as libvirt 9.0 writes them; {@code legacy}: -drive and key=value. */
public enum ArgsStyle { LIBVIRT, LEGACY }
