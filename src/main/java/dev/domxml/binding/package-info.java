/**
 * JAXB classes that mirror libvirt's domain schema one element to one class, attributes and children
 * as public fields, nothing clever. Every class keeps what it does not model ({@link
 * dev.domxml.binding.Extensible}), so a document read and written back loses nothing. Values stay
 * text as written; the rules engine interprets them (libvirt takes "7", "0x07" and "yes"/"on").
 */
@XmlAccessorFactory(AccessibleFields.class)
package dev.domxml.binding;

import org.glassfish.jaxb.runtime.XmlAccessorFactory;
