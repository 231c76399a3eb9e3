package dev.domxml.binding;

/** {@code <driver>} of a virtio device that has no driver settings beyond the virtio transport's. */
public class DeviceDriver extends VirtioDriver {}
