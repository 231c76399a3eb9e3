package dev.domxml.rules;

/**
 * The per-domain directories libvirt 9.0 names files in. A running domain's directories carry its id and its
 * "short name", the first 20 characters of its name; domxml-to-native's domain has id -1.
 */
final class LibvirtPaths {
    private static final int SHORT_NAME_MAX = 20;
    /** qemu.conf's channel_target_dir. */
    static final String CHANNEL_TARGET_DIR = "/var/lib/libvirt/qemu/channel/target";

    private LibvirtPaths() {}

    /** Where libvirt keeps a running domain's sockets (vnc.sock, spice.sock, the monitor). */
    static String domainDirectory(String name) {
        return "/var/lib/libvirt/qemu/domain--1-" + shortName(name);
    }

    /** Where the guest agent's and other channels' sockets go when the XML names no path. */
    /** Where libvirt keeps a file-backed memory module of a domain without a file of its own. */
    static String memoryBackingPath(String name, String alias) {
        return "/var/lib/libvirt/qemu/ram/-1-" + shortName(name) + "/" + alias;
    }

    static String channelDirectory(String name) {
        return CHANNEL_TARGET_DIR + "/domain--1-" + shortName(name);
    }

    /** The bus libvirt starts for a domain's D-Bus display (in qemu.conf's dbus state directory). */
    static String dbusAddress(String name) {
        return "unix:path=/run/libvirt/qemu/dbus/-1-" + shortName(name) + "-dbus.sock";
    }

    private static String shortName(String name) {
        return name.codePointCount(0, name.length()) <= SHORT_NAME_MAX ? name
                : name.substring(0, name.offsetByCodePoints(0, SHORT_NAME_MAX));
    }
}
