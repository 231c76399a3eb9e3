package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <cell><distances>}: how far this cell's memory is from each sibling cell. */
public class NumaDistances extends Extensible {
    @XmlElement(name = "sibling") public List<NumaSibling> siblings = new ArrayList<>();
}
