package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <redirdev bus='usb' type='spicevmc|tcp|unix'>}: a USB device redirected from a client over a chardev. */
public class Redirdev extends CharDevice {
    @XmlAttribute public String bus;
    @XmlElement public BootOrder boot;
}
