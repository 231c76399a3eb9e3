package dev.domxml.model;

/** A USB port: the controller's bus ({@code usb.0}) and the port, {@code 2} or behind a hub {@code 1.3}. */
public record UsbAddress(String bus, String port) implements DeviceAddress {}
