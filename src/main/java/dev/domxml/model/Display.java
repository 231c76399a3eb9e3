package dev.domxml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guest shows and plays: its audio backends ({@code -audiodev}, properties in libvirt's order, the
 * streams' settings as nested {@code in}/{@code out} maps) and its display options ({@code -vnc},
 * {@code -spice}, {@code -display sdl}, ...) in the order libvirt writes them, with the environment a
 * display needs (SDL's DISPLAY and XAUTHORITY). A guest with no display at all is {@code headless}: QEMU is
 * told {@code -display none}.
 */
public record Display(boolean headless, List<Map<String, Object>> audio, List<Output> outputs, Map<String, String> env) {

    /** No graphics and, as libvirt adds for such a guest, the silent audio backend audio1. */
    public static final Display NONE = new Display(true, List.of(silentAudio()), List.of(), Map.of());

    private static Map<String, Object> silentAudio() {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("id", "audio1");
        audio.put("driver", "none");
        return audio;
    }

    public Display {
        audio = audio.stream().map(a -> Collections.unmodifiableMap(new LinkedHashMap<>(a))).toList();
        outputs = List.copyOf(outputs);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** One option of the display: {@code -vnc 127.0.0.1:0,audiodev=audio1}, or a flag ({@code -full-screen}). */
    public record Output(String option, String value) {
        public static Output flag(String option) {
            return new Output(option, "");
        }
    }
}
