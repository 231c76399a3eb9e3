package dev.domxml.fromargs;

import dev.domxml.binding.DiskHost;
import dev.domxml.binding.DiskSource;
import dev.domxml.model.NetworkNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network protocol node as domain XML: {@code <source protocol name>} with its {@code <host>}s, the reverse
 * of libvirt's mapping (dev.domxml.rules.NetworkSource). Properties XML cannot say are named, not dropped.
 */
final class NetworkSourceXml {
    private static final Pattern URL = Pattern.compile("([a-z]+)://(\\[[^]]*]|[^:/]*)(?::(\\d+))?(/[^?]*)?(?:\\?(.*))?");
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "nbd", Set.of("server", "export", "tls-creds", "tls-hostname"), "gluster", Set.of("volume", "path", "server", "debug"),
            "iscsi", Set.of("portal", "target", "lun", "transport"), "rbd", Set.of("pool", "image", "server"),
            "sheepdog", Set.of("server", "vdi"), "ssh", Set.of("path", "server"), "nfs", Set.of("server", "path", "user", "group"));

    /** The source, and the properties it could not carry. */
    record Converted(DiskSource source, List<String> leftOut) {}

    private NetworkSourceXml() {}

    static Converted of(NetworkNode node) {
        DiskSource source = new DiskSource();
        source.protocol = node.driver();
        Map<String, Object> p = node.location();
        List<String> leftOut = new ArrayList<>();
        Set<String> known = KNOWN.getOrDefault(node.driver(), Set.of("url", "sslverify", "timeout", "readahead"));
        p.keySet().stream().filter(key -> !known.contains(key)).forEach(leftOut::add);
        switch (node.driver()) {
            case "nbd" -> {
                server(source, p.get("server"));
                source.name = text(p.get("export")).orElse(null);
                // the credentials object is libvirt's own (qemu.conf's directory): tls='yes' asks for it again
                source.tls = p.containsKey("tls-creds") ? "yes" : null;
                source.tlsHostname = text(p.get("tls-hostname")).orElse(null);
            }
            case "gluster" -> {
                source.name = text(p.get("volume")).orElse("") + "/" + text(p.get("path")).orElse("");
                if (p.get("server") instanceof List<?> servers) {
                    servers.forEach(server -> server(source, server));
                }
            }
            case "iscsi" -> {
                String portal = text(p.get("portal")).orElse("");
                int colon = portal.lastIndexOf(':');
                DiskHost host = new DiskHost();
                host.name = (colon < 0 ? portal : portal.substring(0, colon)).replaceAll("^\\[|]$", "");
                host.port = colon < 0 ? null : portal.substring(colon + 1);
                source.hosts.add(host);
                source.name = text(p.get("target")).orElse("") + "/" + text(p.get("lun")).orElse("0");
            }
            case "rbd" -> {
                source.name = text(p.get("pool")).orElse("") + "/" + text(p.get("image")).orElse("");
                if (p.get("server") instanceof List<?> servers) {
                    for (Object server : servers) {
                        if (server instanceof Map<?, ?> map) {
                            DiskHost host = new DiskHost();
                            host.name = text(map.get("host")).orElse(null);
                            host.port = text(map.get("port")).filter(port -> !port.equals("0")).orElse(null);
                            source.hosts.add(host);
                        }
                    }
                }
            }
            case "sheepdog" -> {
                server(source, p.get("server"));
                source.name = text(p.get("vdi")).orElse(null);
            }
            case "ssh", "nfs" -> {
                server(source, p.get("server"));
                source.name = text(p.get("path")).orElse(null);
                if (p.containsKey("user") || p.containsKey("group")) {
                    // numbers as '+N', which libvirt takes as ids without asking the host's account database
                    source.identity = new DiskSource.Identity();
                    source.identity.user = text(p.get("user")).map(id -> "+" + id).orElse(null);
                    source.identity.group = text(p.get("group")).map(id -> "+" + id).orElse(null);
                }
            }
            default -> {
                url(source, text(p.get("url")).orElse(""), leftOut);
                curlOptions(source, p);
            }
        }
        return new Converted(source, leftOut);
    }

    /** QEMU's curl options back as the {@code <source>} children libvirt reads them from. */
    private static void curlOptions(DiskSource source, Map<String, Object> p) {
        if (p.get("sslverify") instanceof Boolean verify) {
            source.otherElements.add(element("ssl", "verify", verify ? "yes" : "no"));
        }
        text(p.get("timeout")).ifPresent(seconds -> source.otherElements.add(element("timeout", "seconds", seconds)));
        text(p.get("readahead")).ifPresent(size -> source.otherElements.add(element("readahead", "size", size)));
    }

    private static org.w3c.dom.Element element(String name, String attribute, String value) {
        org.w3c.dom.Element e = DomainXmlBuilder.newElement(name);
        e.setAttribute(attribute, value);
        return e;
    }

    private static void url(DiskSource source, String url, List<String> leftOut) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            leftOut.add("url");
            return;
        }
        DiskHost host = new DiskHost();
        host.name = m.group(2).replaceAll("^\\[|]$", "");
        host.port = m.group(3);
        source.hosts.add(host);
        source.name = URLDecoder.decode(Optional.ofNullable(m.group(4)).orElse("/").replace("+", "%2B"),
                StandardCharsets.UTF_8);
        source.query = m.group(5);
    }

    private static void server(DiskSource source, Object server) {
        if (!(server instanceof Map<?, ?> map)) {
            return;
        }
        DiskHost host = new DiskHost();
        if ("unix".equals(map.get("type"))) {
            host.transport = "unix";
            host.socket = text(map.get("path")).orElse(null);
        } else {
            host.name = text(map.get("host")).orElse(null);
            host.port = text(map.get("port")).orElse(null);
        }
        source.hosts.add(host);
    }

    private static Optional<String> text(Object value) {
        return Optional.ofNullable(value).map(String::valueOf);
    }
}
