package dev.domxml.binding;

/** An element whose presence is the information, such as {@code <readonly/>} or {@code <acpi/>}. */
public class Flag extends Extensible {}
