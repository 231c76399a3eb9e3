package dev.domxml.model;

/** What a format node tells QEMU about the backing image of its image. */
public sealed interface BackingLink {
    /** Nothing: QEMU opens the backing file the image's header names, if it names one. */
    BackingLink FROM_IMAGE = new FromImage();
    /** {@code "backing": null}: the chain ends here, whatever the image's header names. */
    BackingLink NONE = new None();

    record FromImage() implements BackingLink {}

    record None() implements BackingLink {}

    /** {@code "backing": "NODE"}: the backing image is the format node of that name. */
    record Node(String name) implements BackingLink {}
}
