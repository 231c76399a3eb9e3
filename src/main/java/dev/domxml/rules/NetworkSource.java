package dev.domxml.rules;

import dev.domxml.model.GenericDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code <source protocol name>} of a network disk with its hosts, and how libvirt 9.0 turns it into the
 * properties of QEMU's protocol node ({@code server}, {@code export}, {@code url}, ...).
 */
public record NetworkSource(String protocol, Optional<String> name, List<Host> hosts, Optional<String> query,
        boolean tls, Optional<String> tlsHostname, OptionalLong user, OptionalLong group, Curl curl) {

    /**
     * What QEMU's curl driver takes besides the URL (http, https, ftp, ftps): whether it verifies the server's
     * certificate ({@code <ssl verify>}, https and ftps), its timeout in seconds and its readahead in bytes.
     */
    public record Curl(Optional<Boolean> sslVerify, OptionalLong timeoutSeconds, OptionalLong readaheadBytes) {
        public static final Curl NONE = new Curl(Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    static final Set<String> CURL_PROTOCOLS = Set.of("http", "https", "ftp", "ftps");

    /** A {@code <host>}: TCP (name and port) or a unix socket. */
    public record Host(String transport, Optional<String> name, Optional<String> port, Optional<String> socket) {
        boolean isUnix() {
            return transport.equals("unix");
        }
    }

    static final Set<String> PROTOCOLS =
            Set.of("nbd", "http", "https", "ftp", "ftps", "gluster", "iscsi", "rbd", "sheepdog", "ssh", "nfs");
    private static final Set<String> ONE_HOST = Set.of("nbd", "http", "https", "ftp", "ftps", "iscsi", "sheepdog",
            "ssh", "nfs");
    private static final Map<String, String> DEFAULT_PORTS = Map.of("nbd", "10809", "http", "80", "https", "443",
            "ftp", "21", "ftps", "990", "gluster", "24007", "iscsi", "3260", "sheepdog", "7000", "ssh", "22");

    /** Why libvirt refuses this source, if it does. */
    Optional<String> refusal() {
        if (name.isEmpty() && !protocol.equals("nbd")) {
            return Optional.of("missing name for disk source (protocol '" + protocol + "')");
        }
        if (ONE_HOST.contains(protocol) && hosts.size() != 1) {
            return Optional.of(protocol + " protocol accepts only one host");
        }
        if (protocol.equals("gluster") && (hosts.isEmpty() || !name.get().contains("/"))) {
            return Optional.of(hosts.isEmpty() ? "gluster needs at least one host"
                    : "gluster source name '" + name.get() + "' must be volume/path");
        }
        if (hosts.stream().anyMatch(Host::isUnix) && !Set.of("nbd", "gluster").contains(protocol)) {
            return Optional.of("protocol '" + protocol + "' cannot reach its host over a unix socket");
        }
        if (protocol.equals("nfs") && hosts.get(0).port().isPresent()) {
            return Optional.of("port cannot be specified in 'nfs' protocol host");
        }
        if (tls && !protocol.equals("nbd")) {
            return Optional.of("TLS transport is not supported for disk protocol '" + protocol + "'");
        }
        return Optional.empty();
    }

    /** QEMU's driver: the protocol's name. */
    public String driver() {
        return protocol;
    }

    /**
     * The id of the TLS credentials object QEMU checks an NBD server with, for the protocol node of that
     * name (libvirt's {@code obj<node>_tls0}); none without {@code tls='yes'}.
     */
    public Optional<String> tlsCredentials(String nodeName) {
        return tls ? Optional.of("obj" + nodeName + "_tls0") : Optional.empty();
    }

    /** The protocol node's properties that say where the image is, in libvirt's order. */
    public Map<String, Object> location(String nodeName) {
        Map<String, Object> props = new LinkedHashMap<>();
        String path = name.orElse("");
        switch (protocol) {
            case "nbd" -> {
                props.put("server", server(hosts.get(0), true));
                name.ifPresent(export -> props.put("export", export));
                tlsCredentials(nodeName).ifPresent(id -> props.put("tls-creds", id));
                // libvirt passes the hostname on even when TLS is off
                tlsHostname.ifPresent(host -> props.put("tls-hostname", host));
            }
            case "http", "https", "ftp", "ftps" -> {
                Host host = hosts.get(0);
                String file = path.startsWith("/") ? path : "/" + path;
                props.put("url", protocol + "://" + host.name().orElse("") + ":" + port(host) + escapePath(file)
                        + query.map(q -> "?" + q).orElse(""));
                curl.sslVerify().ifPresent(verify -> props.put("sslverify", verify));
                // as numbers are read from a line: int where they fit
                curl.timeoutSeconds().ifPresent(seconds -> props.put("timeout", GenericDevice.number(seconds)));
                curl.readaheadBytes().ifPresent(bytes -> props.put("readahead", GenericDevice.number(bytes)));
            }
            case "gluster" -> {
                int slash = path.indexOf('/');
                props.put("volume", path.substring(0, slash));
                props.put("path", path.substring(slash + 1));
                List<Object> servers = new ArrayList<>();
                hosts.forEach(h -> servers.add(server(h, true)));
                props.put("server", servers);
                props.put("debug", 4);
            }
            case "iscsi" -> {
                Host host = hosts.get(0);
                int slash = path.lastIndexOf('/');
                String target = slash < 0 ? path : path.substring(0, slash);
                int lun = 0;
                if (slash >= 0) {
                    try {
                        lun = Integer.parseInt(path.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        target = path;
                    }
                }
                String hostName = host.name().orElse("");
                props.put("portal", (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + port(host));
                props.put("target", target);
                props.put("lun", lun);
                props.put("transport", "tcp");
            }
            case "rbd" -> {
                int slash = path.indexOf('/');
                props.put("pool", slash < 0 ? path : path.substring(0, slash));
                props.put("image", slash < 0 ? "" : path.substring(slash + 1));
                if (!hosts.isEmpty()) {
                    List<Object> servers = new ArrayList<>();
                    for (Host h : hosts) {
                        Map<String, Object> server = new LinkedHashMap<>();
                        server.put("host", h.name().orElse(""));
                        server.put("port", h.port().orElse("0"));
                        servers.add(server);
                    }
                    props.put("server", servers);
                }
            }
            case "sheepdog" -> {
                props.put("server", server(hosts.get(0), true));
                props.put("vdi", path);
            }
            case "ssh" -> {
                props.put("path", path);
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("host", hosts.get(0).name().orElse(""));
                server.put("port", port(hosts.get(0)));
                props.put("server", server);
            }
            case "nfs" -> {
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("host", hosts.get(0).name().orElse(""));
                server.put("type", "inet");
                props.put("server", server);
                props.put("path", path);
                user.ifPresent(uid -> props.put("user", dev.domxml.model.GenericDevice.number(uid)));
                group.ifPresent(gid -> props.put("group", dev.domxml.model.GenericDevice.number(gid)));
            }
            default -> throw new IllegalStateException("protocol " + protocol + " passed validation");
        }
        return props;
    }

    private Map<String, Object> server(Host host, boolean typed) {
        Map<String, Object> server = new LinkedHashMap<>();
        if (host.isUnix()) {
            server.put("type", "unix");
            server.put("path", host.socket().orElse(""));
        } else {
            if (typed) {
                server.put("type", "inet");
            }
            server.put("host", host.name().orElse(""));
            server.put("port", port(host));
        }
        return server;
    }

    private String port(Host host) {
        return host.port().orElse(DEFAULT_PORTS.getOrDefault(protocol, "0"));
    }

    /** The path of a URL as libvirt writes it: characters with a meaning in URLs percent-encoded. */
    private static String escapePath(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case '%', '?', '#', ' ', '"', '<', '>' -> out.append(String.format("%%%02X", (int) c));
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
