package dev.domxml.binding;

import jakarta.xml.bind.JAXBException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.glassfish.jaxb.runtime.AccessorFactory;
import org.glassfish.jaxb.runtime.v2.runtime.reflect.Accessor;

/**
 * How JAXB reaches the binding's fields. Its default leaves public fields without {@code
 * setAccessible(true)}, so every value it sets asks the JVM for the caller's class, a stack walk
 * that only C2 compiles away: a third of the binding time under the C1-only JIT the launcher uses.
 * Marking each field accessible once, when the context is built, skips the check.
 */
public final class AccessibleFields implements AccessorFactory {
    @Override
    public Accessor createFieldAccessor(Class bean, Field field, boolean readOnly) throws JAXBException {
        field.setAccessible(true);
        return readOnly ? new Accessor.ReadOnlyFieldReflection<>(field) : new Accessor.FieldReflection<>(field);
    }

    @Override
    public Accessor createPropertyAccessor(Class bean, Method getter, Method setter) throws JAXBException {
        if (getter != null) {
            getter.setAccessible(true);
        }
        if (setter != null) {
            setter.setAccessible(true);
        }
        return getter == null ? new Accessor.SetterOnlyReflection<>(setter)
                : setter == null ? new Accessor.GetterOnlyReflection<>(getter)
                : new Accessor.GetterSetterReflection<>(getter, setter);
    }
}
