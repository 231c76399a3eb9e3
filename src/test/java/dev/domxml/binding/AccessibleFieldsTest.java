package dev.domxml.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.glassfish.jaxb.runtime.XmlAccessorFactory;
import org.glassfish.jaxb.runtime.v2.runtime.reflect.Accessor;
import org.junit.jupiter.api.Test;

class AccessibleFieldsTest {

    @Test
    @SuppressWarnings({"deprecation", "unchecked"}) // isAccessible() is the only way to read setAccessible's flag
    void fieldsAreMadeAccessibleOnceAndSetThroughJaxbsOwnAccessor() throws Exception {
        Field name = Domain.class.getField("name");
        Domain domain = new Domain();

        Accessor<Domain, String> accessor = new AccessibleFields().createFieldAccessor(Domain.class, name, false);
        accessor.set(domain, "vm701");

        assertThat(name.isAccessible()).isTrue();
        assertThat(domain.name).isEqualTo("vm701");
    }

    @Test
    void theBindingPackageNamesTheFactory() {
        assertThat(Domain.class.getPackage().getAnnotation(XmlAccessorFactory.class).value())
                .isEqualTo(AccessibleFields.class);
    }
}
