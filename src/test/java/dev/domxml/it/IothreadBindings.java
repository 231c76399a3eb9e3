package dev.domxml.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which disk runs in which I/O thread, read from a libvirt-style command line: a SCSI disk in its
 * controller's iothread, a virtio-blk disk in its own. Disks on emulated controllers have none.
 */
record IothreadBindings(Map<String, String> controllerThread, Map<String, List<String>> disksOnController,
        Map<String, String> virtioDiskThread, List<String> emulatedControllers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static IothreadBindings of(String commandLine) throws IOException {
        List<String> words = dev.domxml.args.ArgvComparison.shellWords(commandLine.replace("\\\n", " "));
        Map<String, String> controllerThread = new HashMap<>();
        Map<String, List<String>> disksOn = new HashMap<>();
        Map<String, String> virtio = new HashMap<>();
        List<String> emulated = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (!words.get(i).equals("-device") || !words.get(i + 1).startsWith("{")) {
                continue;
            }
            JsonNode device = JSON.readTree(words.get(i + 1));
            String driver = device.path("driver").asText();
            String id = device.path("id").asText();
            switch (driver) {
                case "virtio-scsi-pci" -> controllerThread.put(id, device.path("iothread").asText(""));
                case "lsi", "megasas", "mptsas1068", "pvscsi", "spapr-vscsi" -> emulated.add(id);
                case "scsi-hd", "scsi-cd", "scsi-block" -> disksOn.computeIfAbsent(
                        device.path("bus").asText().replaceFirst("\\.\\d+$", ""), k -> new ArrayList<>()).add(id);
                case "virtio-blk-pci" -> virtio.put(id, device.path("iothread").asText(""));
                default -> { }
            }
        }
        return new IothreadBindings(controllerThread, disksOn, virtio, emulated);
    }

    /** Threads in use: each virtio-scsi controller with disks, and each virtio-blk disk. */
    List<String> threadsInUse() {
        List<String> threads = new ArrayList<>();
        disksOnController.forEach((controller, disks) -> {
            if (controllerThread.containsKey(controller)) {
                threads.add(controllerThread.get(controller));
            }
        });
        threads.addAll(virtioDiskThread.values());
        return threads;
    }
}
