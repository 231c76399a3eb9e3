package dev.domxml.rules;

import dev.domxml.binding.Audio;
import dev.domxml.binding.Extensible;
import dev.domxml.binding.Graphics;
import dev.domxml.model.Display;
import dev.domxml.model.Display.Output;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * {@code <graphics>} and {@code <audio>} as libvirt 9.0 writes them for {@code domxml-to-native}: the audio
 * backend it adds when none is written (the last display decides: none for VNC, spice for SPICE, none
 * without any display; SDL and the others pass the host's audio through, which libvirtd has none of), then
 * -vnc, -spice and -display options with the ports a pretend start gives (VNC 5900, websocket 5700, SPICE
 * 5901) and qemu.conf's defaults (listen on 127.0.0.1, no TLS, no SASL). A D-Bus display serves the bus
 * address it is given, a peer-to-peer connection, or libvirt's own bus in its dbus state directory.
 */
final class Displays {
    private static final String DEFAULT_LISTEN = "127.0.0.1";
    private static final Map<String, String> AUDIO_DRIVERS = Map.of("none", "none", "alsa", "alsa", "coreaudio",
            "coreaudio", "jack", "jack", "oss", "oss", "pulseaudio", "pa", "sdl", "sdl", "spice", "spice", "file", "wav",
            "dbus", "dbus");

    private final DomainResolver resolver;
    private final String domainName;

    private Displays(DomainResolver resolver, String domainName) {
        this.resolver = resolver;
        this.domainName = domainName;
    }

    static Display resolve(DomainResolver resolver, String domainName, List<Graphics> graphics, List<Audio> audios) {
        return new Displays(resolver, domainName).resolve(graphics, audios);
    }

    private Display resolve(List<Graphics> graphics, List<Audio> audios) {
        List<Map<String, Object>> audio = new ArrayList<>();
        Map<Integer, String> audioTypes = new LinkedHashMap<>(); // the backends by id, in the XML's order
        if (audios.isEmpty()) {
            defaultAudio(graphics).ifPresent(driver -> {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("id", "audio1");
                props.put("driver", driver);
                audio.add(props);
                audioTypes.put(1, driver);
            });
        }
        for (Audio a : audios) {
            OptionalInt id = resolver.optionalUnsigned(a, a.id, "audio id");
            if (id.isEmpty() || id.getAsInt() < 1) {
                resolver.invalid(a, "<audio> needs an id of 1 or more");
                continue;
            }
            if (audioTypes.containsKey(id.getAsInt())) {
                resolver.invalid(a, "audio backend id '" + id.getAsInt() + "' is used twice");
                continue;
            }
            if ("spice".equals(a.type) && graphics.stream().noneMatch(g -> "spice".equals(g.type))) {
                resolver.invalid(a, "<audio type='spice'> needs a <graphics type='spice'>: spice audio goes through the"
                        + " spice display");
                continue;
            }
            audioBackend(a, id.getAsInt()).ifPresent(props -> {
                audio.add(props);
                audioTypes.put(id.getAsInt(), a.type);
            });
        }
        List<Output> outputs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> types = new HashSet<>();
        for (Graphics g : graphics) {
            String type = Values.text(g.type).orElse("");
            if (!types.add(type)) {
                resolver.invalid(g, "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported");
                continue;
            }
            switch (type) {
                case "vnc" -> vnc(g, List.copyOf(audioTypes.keySet()), outputs);
                case "spice" -> spice(g, outputs);
                case "sdl" -> {
                    Values.text(g.xauth).ifPresent(x -> env.put("XAUTHORITY", x));
                    Values.text(g.display).ifPresent(d -> env.put("DISPLAY", d));
                    if (Values.onOff(g.fullscreen).orElse(false)) {
                        outputs.add(Output.flag("-full-screen"));
                    }
                    String gl = Optional.ofNullable(g.gl).flatMap(e -> Values.onOff(e.enable))
                            .map(on -> ",gl=" + (on ? "on" : "off")).orElse("");
                    outputs.add(new Output("-display", "sdl" + gl));
                }
                case "egl-headless" -> outputs.add(new Output("-display", "egl-headless" + Optional.ofNullable(g.gl)
                        .flatMap(e -> Values.text(e.rendernode)).map(n -> ",rendernode=" + Peripherals.escapeCommas(n))
                        .orElse("")));
                case "dbus" -> dbus(g, audioTypes, outputs);
                default -> resolver.invalid(g, "graphics type '" + type + "' is not supported by domxml (vnc, spice,"
                        + " sdl, egl-headless, dbus)");
            }
        }
        return new Display(graphics.isEmpty(), audio, outputs, env);
    }

    /** The audio backend libvirt adds to a domain that has none, by its displays; empty for none at all. */
    private static Optional<String> defaultAudio(List<Graphics> graphics) {
        if (graphics.isEmpty()) {
            return Optional.of("none");
        }
        boolean add = false;
        boolean passthrough = false;
        String driver = "none";
        for (Graphics g : graphics) {
            switch (Values.text(g.type).orElse("")) {
                case "vnc" -> {
                    add = true;
                    passthrough = false;
                    driver = "none";
                }
                case "spice" -> {
                    add = true;
                    passthrough = false;
                    driver = "spice";
                }
                case "sdl" -> {
                    add = true;
                    passthrough = true;
                }
                default -> { }
            }
        }
        // passing the host's audio through needs QEMU_AUDIO_DRV in libvirtd's environment, which it does not set
        return add && !passthrough ? Optional.of(driver) : Optional.empty();
    }

    private Optional<Map<String, Object>> audioBackend(Audio a, int id) {
        String type = Values.text(a.type).orElse("");
        String driver = AUDIO_DRIVERS.get(type);
        if (driver == null) {
            resolver.invalid(a, "audio type '" + type + "' is not supported by domxml (" + String.join(", ",
                    new java.util.TreeSet<>(AUDIO_DRIVERS.keySet())) + ")");
            return Optional.empty();
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", "audio" + id);
        props.put("driver", driver);
        positive(a, a.timerPeriod, "timerPeriod").ifPresent(v -> props.put("timer-period", v));
        Map<String, Object> in = stream(a.input, type);
        Map<String, Object> out = stream(a.output, type);
        switch (type) {
            case "oss" -> {
                Values.onOff(a.tryMMap).ifPresent(on -> props.put("try-mmap", on));
                Values.onOff(a.exclusive).ifPresent(on -> props.put("exclusive", on));
                Optional.ofNullable(a.dspPolicy).flatMap(p -> Values.unsigned(p))
                        .ifPresent(p -> props.put("dsp-policy", p.intValue()));
            }
            case "pulseaudio" -> Values.text(a.serverName).ifPresent(s -> props.put("server", s));
            case "file" -> Values.text(a.path).ifPresent(p -> props.put("path", p));
            default -> { }
        }
        if (!in.isEmpty()) {
            props.put("in", in);
        }
        if (!out.isEmpty()) {
            props.put("out", out);
        }
        return Optional.of(props);
    }

    /** An {@code <input>} or {@code <output>}: the common settings, then its type's. */
    private Map<String, Object> stream(Audio.Stream s, String type) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (s == null) {
            return p;
        }
        Values.onOff(s.mixingEngine).ifPresent(on -> p.put("mixing-engine", on));
        Optional<Boolean> fixed = Values.onOff(s.fixedSettings);
        fixed.ifPresent(on -> p.put("fixed-settings", on));
        positive(s, s.voices, "voices").ifPresent(v -> p.put("voices", v));
        positive(s, s.bufferLength, "bufferLength").ifPresent(v -> p.put("buffer-length", v));
        if (fixed.orElse(false) && s.settings != null) {
            positive(s.settings, s.settings.frequency, "frequency").ifPresent(v -> p.put("frequency", v));
            positive(s.settings, s.settings.channels, "channels").ifPresent(v -> p.put("channels", v));
            Values.text(s.settings.format).ifPresent(f -> p.put("format", f));
        }
        switch (type) {
            case "alsa" -> Values.text(s.dev).ifPresent(d -> p.put("dev", d));
            case "coreaudio", "sdl" -> positive(s, s.bufferCount, "bufferCount").ifPresent(v -> p.put("buffer-count", v));
            case "jack" -> {
                Values.text(s.serverName).ifPresent(v -> p.put("server-name", v));
                Values.text(s.clientName).ifPresent(v -> p.put("client-name", v));
                Values.text(s.connectPorts).ifPresent(v -> p.put("connect-ports", v));
                Values.onOff(s.exactName).ifPresent(on -> p.put("exact-name", on));
            }
            case "oss" -> {
                Values.text(s.dev).ifPresent(d -> p.put("dev", d));
                positive(s, s.bufferCount, "bufferCount").ifPresent(v -> p.put("buffer-count", v));
                Values.onOff(s.tryPoll).ifPresent(on -> p.put("try-poll", on));
            }
            case "pulseaudio" -> {
                Values.text(s.name).ifPresent(v -> p.put("name", v));
                Values.text(s.streamName).ifPresent(v -> p.put("stream-name", v));
                positive(s, s.latency, "latency").ifPresent(v -> p.put("latency", v));
            }
            default -> { }
        }
        return p;
    }

    /** libvirt leaves a setting of 0 out, as if it were not written. */
    private Optional<Integer> positive(Object where, String value, String what) {
        OptionalInt parsed = resolver.optionalUnsigned(where, value, what);
        return parsed.isPresent() && parsed.getAsInt() > 0 ? Optional.of(parsed.getAsInt()) : Optional.empty();
    }

    /** Where a display listens: an address (empty: qemu.conf's default), a UNIX socket, or nowhere. */
    private record Listen(String type, Optional<String> address, Optional<String> socket) {}

    private Optional<Listen> listen(Graphics g) {
        if (g.listens.size() > 1) {
            resolver.invalid(g.listens.get(1), "QEMU does not support multiple listens for one graphics device.");
            return Optional.empty();
        }
        if (!g.listens.isEmpty()) {
            Graphics.Listen l = g.listens.get(0);
            String type = Values.text(l.type).orElse("address");
            return switch (type) {
                case "address" -> Optional.of(new Listen(type, Values.text(l.address).or(() -> Values.text(g.listen)),
                        Optional.empty()));
                case "socket" -> Optional.of(new Listen(type, Optional.empty(), Values.text(l.socket)));
                case "none" -> Optional.of(new Listen(type, Optional.empty(), Optional.empty()));
                default -> {
                    resolver.invalid(l, "graphics listen type '" + type + "' is not supported by domxml: libvirt looks"
                            + " the network's address up on the host");
                    yield Optional.empty();
                }
            };
        }
        if (Values.text(g.socket).isPresent()) {
            return Optional.of(new Listen("socket", Optional.empty(), Values.text(g.socket)));
        }
        return Optional.of(new Listen("address", Values.text(g.listen), Optional.empty()));
    }

    private void vnc(Graphics g, List<Integer> audioIds, List<Output> outputs) {
        Optional<Listen> listen = listen(g);
        if (listen.isEmpty()) {
            return;
        }
        StringBuilder opt = new StringBuilder();
        switch (listen.get().type()) {
            case "socket" -> opt.append("vnc=unix:").append(Peripherals.escapeCommas(listen.get().socket()
                    .orElse(LibvirtPaths.domainDirectory(domainName) + "/vnc.sock")));
            case "none" -> opt.append("none");
            default -> {
                Optional<String> port = Values.text(g.port);
                boolean autoport = Values.onOff(g.autoport).orElse(false) || port.isEmpty() || port.get().equals("-1");
                int number = 5900;
                if (!autoport) {
                    OptionalInt written = resolver.optionalUnsigned(g, port.get(), "vnc port");
                    if (written.isEmpty() || written.getAsInt() < 5900 || written.getAsInt() > 65535) {
                        resolver.invalid(g, "vnc port must be in range [5900,65535]");
                        return;
                    }
                    number = written.getAsInt();
                }
                String address = listen.get().address().orElse(DEFAULT_LISTEN);
                opt.append(address.contains(":") ? "[" + address + "]" : address).append(':').append(number - 5900);
                Values.text(g.websocket).ifPresent(ws -> {
                    int websocket = ws.equals("-1") ? 5700 : resolver.optionalUnsigned(g, ws, "websocket port").orElse(0);
                    if (websocket > 0) {
                        opt.append(",websocket=").append(websocket);
                    }
                });
            }
        }
        Values.text(g.sharePolicy).ifPresent(policy -> opt.append(",share=").append(policy));
        if (Values.text(g.passwd).isPresent()) {
            opt.append(",password=on");
        }
        Values.onOff(g.powerControl).ifPresent(on -> opt.append(",power-control=").append(on ? "on" : "off"));
        Optional<Integer> audioId = DomainResolver.child(g, "audio").map(e -> e.getAttribute("id")).flatMap(Values::unsigned)
                .map(Long::intValue).filter(id -> id > 0).or(() -> audioIds.stream().findFirst());
        if (audioId.isEmpty() || !audioIds.contains(audioId.get())) {
            resolver.invalid(g, "unable to find audio backend for the VNC display");
            return;
        }
        opt.append(",audiodev=audio").append(audioId.get());
        outputs.add(new Output("-vnc", opt.toString()));
        Values.text(g.keymap).ifPresent(keymap -> outputs.add(new Output("-k", keymap)));
    }

    /**
     * {@code -display dbus}: peer to peer, or on a bus (the address written, else libvirt's bus for the domain);
     * OpenGL on or off with its render node; the D-Bus audio backend its {@code <audio id>} names, if any.
     */
    private void dbus(Graphics g, Map<Integer, String> audioTypes, List<Output> outputs) {
        boolean p2p = Values.onOff(g.p2p).orElse(false);
        Optional<String> address = Values.text(g.address);
        if (p2p && address.isPresent()) {
            resolver.invalid(g, "D-Bus p2p with an address is not supported");
            return;
        }
        StringBuilder opt = new StringBuilder("dbus");
        if (p2p) {
            opt.append(",p2p=on");
        } else {
            opt.append(",addr=").append(Peripherals.escapeCommas(address.orElse(LibvirtPaths.dbusAddress(domainName))));
        }
        Optional.ofNullable(g.gl).flatMap(e -> Values.onOff(e.enable)).ifPresent(on -> {
            opt.append(",gl=").append(on ? "on" : "off");
            Values.text(g.gl.rendernode).ifPresent(n -> opt.append(",rendernode=").append(Peripherals.escapeCommas(n)));
        });
        Optional<Integer> audioId = DomainResolver.child(g, "audio").map(e -> e.getAttribute("id")).flatMap(Values::unsigned)
                .map(Long::intValue).filter(id -> id > 0);
        if (audioId.isPresent()) {
            String type = audioTypes.get(audioId.get());
            if (type == null) {
                resolver.invalid(g, "unable to find audio backend for sound device");
                return;
            }
            if (!type.equals("dbus")) {
                resolver.invalid(g, "The associated audio is not of 'dbus' kind.");
                return;
            }
            opt.append(",audiodev=audio").append(audioId.get());
        }
        outputs.add(new Output("-display", opt.toString()));
    }

    private void spice(Graphics g, List<Output> outputs) {
        Optional<Listen> listen = listen(g);
        if (listen.isEmpty()) {
            return;
        }
        StringBuilder opt = new StringBuilder();
        boolean autoport = Values.onOff(g.autoport).orElse(false);
        int port = Values.text(g.port).flatMap(p -> p.equals("-1") ? Optional.of(-1L) : Values.unsigned(p))
                .orElse(0L).intValue();
        if (autoport || port == -1) {
            port = 5901; // what a pretend start allocates
        }
        boolean insecure = false;
        String type = listen.get().type();
        if (type.equals("address") && port == 0) {
            type = "none"; // libvirt's listen type none: no port at all
        }
        switch (type) {
            case "socket" -> {
                opt.append("unix,addr=").append(Peripherals.escapeCommas(listen.get().socket()
                        .orElse(LibvirtPaths.domainDirectory(domainName) + "/spice.sock"))).append(',');
                insecure = true;
            }
            case "none" -> {
                opt.append("port=0,");
                insecure = true;
            }
            default -> {
                opt.append("port=").append(port).append(',');
                insecure = true;
                opt.append("addr=").append(listen.get().address().orElse(DEFAULT_LISTEN)).append(',');
            }
        }
        DomainResolver.child(g, "mouse").map(e -> e.getAttribute("mode")).ifPresent(mode -> {
            if (mode.equals("server")) {
                opt.append("agent-mouse=off,");
            } else if (mode.equals("client")) {
                opt.append("agent-mouse=on,");
            }
        });
        if (Values.text(g.passwd).isEmpty()) {
            opt.append("disable-ticketing=on,");
        }
        String defaultMode = Values.text(g.defaultMode).orElse("any");
        if (defaultMode.equals("secure")) {
            resolver.invalid(g, "spice defaultMode secure requested in XML configuration, but TLS connection is not"
                    + " available");
            return;
        }
        if (defaultMode.equals("insecure") && insecure) {
            opt.append("plaintext-channel=default,");
        }
        for (Element channel : children(g, "channel")) {
            String mode = channel.getAttribute("mode");
            if (mode.equals("secure")) {
                resolver.invalid(g, "spice secure channels set in XML configuration, but TLS connection is not"
                        + " available");
                return;
            }
            if (mode.equals("insecure")) {
                opt.append("plaintext-channel=").append(channel.getAttribute("name")).append(',');
            }
        }
        attribute(g, "image", "compression").ifPresent(v -> opt.append("image-compression=").append(v).append(','));
        attribute(g, "jpeg", "compression").ifPresent(v -> opt.append("jpeg-wan-compression=").append(v).append(','));
        attribute(g, "zlib", "compression").ifPresent(v -> opt.append("zlib-glz-wan-compression=").append(v).append(','));
        attribute(g, "playback", "compression").flatMap(Values::onOff)
                .ifPresent(on -> opt.append("playback-compression=").append(on ? "on" : "off").append(','));
        attribute(g, "streaming", "mode").ifPresent(v -> opt.append("streaming-video=").append(v).append(','));
        if (attribute(g, "clipboard", "copypaste").flatMap(Values::onOff).filter(on -> !on).isPresent()) {
            opt.append("disable-copy-paste=on,");
        }
        if (attribute(g, "filetransfer", "enable").flatMap(Values::onOff).filter(on -> !on).isPresent()) {
            opt.append("disable-agent-file-xfer=on,");
        }
        if (Optional.ofNullable(g.gl).flatMap(e -> Values.onOff(e.enable)).orElse(false)) {
            opt.append("gl=on,");
            Values.text(g.gl.rendernode)
                    .ifPresent(n -> opt.append("rendernode=").append(Peripherals.escapeCommas(n)).append(','));
        }
        opt.append("seamless-migration=on");
        outputs.add(new Output("-spice", opt.toString()));
        Values.text(g.keymap).ifPresent(keymap -> outputs.add(new Output("-k", keymap)));
    }

    private static Optional<String> attribute(Extensible parent, String element, String attribute) {
        return DomainResolver.child(parent, element).map(e -> e.getAttribute(attribute)).filter(v -> !v.isEmpty());
    }

    private static List<Element> children(Extensible parent, String name) {
        return parent.otherElements.stream().filter(e -> name.equals(e.getLocalName())).toList();
    }
}
