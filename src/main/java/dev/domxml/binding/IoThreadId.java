package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <iothread id thread_pool_min thread_pool_max/>} inside {@code <iothreadids>}. */
public class IoThreadId extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute(name = "thread_pool_min") public String threadPoolMin;
    @XmlAttribute(name = "thread_pool_max") public String threadPoolMax;
}
