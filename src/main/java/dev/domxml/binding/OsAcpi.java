package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.List;

/** {@code <os><acpi><table type='slic'>FILE</table></acpi>}: ACPI tables the firmware hands to the guest. */
public class OsAcpi extends Extensible {
    @XmlElement(name = "table") public List<Table> tables = new ArrayList<>();

    /** One table: its type and the file holding it. */
    public static class Table extends TextWithAttributes {
        @XmlAttribute public String type;
        @XmlValue public String file;
    }
}
