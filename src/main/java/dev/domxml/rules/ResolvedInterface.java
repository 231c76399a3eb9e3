package dev.domxml.rules;

import dev.domxml.binding.Interface;
import dev.domxml.report.SourcePosition;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code <interface>}: its backend type, NIC model and MAC address; for {@code type='hostdev'}, the host
 * device it also passes through (domxml-to-native writes both: a NIC in its place, and the device); the
 * {@code <script path>} libvirt runs to bring its tap device up.
 */
public record ResolvedInterface(
        Interface xml, Optional<SourcePosition> position, String type, String model, Optional<String> mac,
        OptionalInt bootOrder, Optional<XmlPciAddress> pciAddress, Optional<ResolvedDevice> hostdev,
        Optional<String> script) {}
