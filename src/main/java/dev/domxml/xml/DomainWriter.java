package dev.domxml.xml;

import dev.domxml.binding.Domain;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;

/** Writes the typed view of a domain back to XML (element order normalised, nothing dropped). */
public final class DomainWriter {
    private DomainWriter() {}

    public static String toXml(Domain domain) {
        try {
            Marshaller marshaller = DomainReader.context().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            StringWriter out = new StringWriter();
            marshaller.marshal(domain, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write domain XML: " + e.getMessage(), e);
        }
    }
}
