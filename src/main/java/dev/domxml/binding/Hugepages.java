package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <hugepages>}: with no {@code <page>}, the host's default huge page size. */
public class Hugepages extends Extensible {
    @XmlElement(name = "page") public List<HugePage> pages = new ArrayList<>();
}
