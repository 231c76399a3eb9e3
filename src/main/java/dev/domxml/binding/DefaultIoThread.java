package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <defaultiothread thread_pool_min thread_pool_max/>}: the thread pool of QEMU's main loop. */
public class DefaultIoThread extends Extensible {
    @XmlAttribute(name = "thread_pool_min") public String threadPoolMin;
    @XmlAttribute(name = "thread_pool_max") public String threadPoolMax;
}
