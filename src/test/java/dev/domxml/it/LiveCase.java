package dev.domxml.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An accepted corpus case (NAME.xml with libvirt's NAME.args) and what booting it needs: the disk
 * images it names, each with the format QEMU will open it with. Only file-backed domains can run
 * here; the others say why not.
 */
record LiveCase(String corpus, String name, Path xml, Path args, Map<String, String> images, Optional<String> hostNeed) {
    /** Where the corpus puts every image; the tests map it to a temporary directory. */
    static final String DISK_DIR = "/var/tmp/domxml-disks/";

    /** Elements that need the host's own files or devices; a firmware <loader> is an image of the host's. */
    private static final List<String> HOST_DEVICES =
            List.of("interface", "hostdev", "filesystem", "redirdev", "smartcard", "shmem", "tpm", "vsock", "loader", "kernel");

    boolean live() {
        return hostNeed.isEmpty();
    }

    String displayName() {
        return corpus + "/" + name;
    }

    /** Accepted cases (those with a NAME.args) of one corpus directory, in name order. */
    static List<LiveCase> discover(Path corpusDir) throws IOException {
        List<LiveCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpusDir)) {
            for (Path xml : files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
                Path args = xml.resolveSibling(name + ".args");
                if (Files.isRegularFile(args)) {
                    cases.add(inspect(corpusDir.getFileName().toString(), name, xml, args));
                }
            }
        }
        return cases;
    }

    private static LiveCase inspect(String corpus, String name, Path xml, Path args) throws IOException {
        Document doc = parse(xml);
        Map<String, String> images = new LinkedHashMap<>();
        String need = null;
        for (String tag : HOST_DEVICES) {
            if (doc.getElementsByTagName(tag).getLength() > 0) {
                need = "<" + tag + "> needs host resources";
                break;
            }
        }
        if (need == null) {
            need = peripheralNeed(doc);
        }
        NodeList disks = doc.getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength() && need == null; i++) {
            Element disk = (Element) disks.item(i);
            String type = disk.getAttribute("type").isEmpty() ? "file" : disk.getAttribute("type");
            Element source = child(disk, "source");
            if (!type.equals("file")) {
                need = "disk type='" + type + "' needs a host device";
            } else if (source != null && !source.getAttribute("file").isEmpty()) {
                String file = source.getAttribute("file");
                if (!file.startsWith(DISK_DIR)) {
                    need = "disk source " + file + " is outside " + DISK_DIR;
                } else {
                    images.put(file.substring(DISK_DIR.length()), imageFormat(disk, file));
                }
            }
            need = need != null ? need : backingImages(disk, images);
        }
        return new LiveCase(corpus, name, xml, args, images, Optional.ofNullable(need));
    }

    /**
     * Devices that reach outside QEMU: an egd entropy server, a host input device, libvirt's channel directory,
     * an NVDIMM's file, libvirt's memory directory, a D-Bus daemon.
     */
    /** RAM backed by a file libvirt would create: a file source, or shared/private access without a memfd source. */
    private static boolean inLibvirtMemoryDirectory(Document doc) {
        boolean memfd = false;
        boolean access = doc.getElementsByTagName("access").getLength() > 0;
        NodeList backings = doc.getElementsByTagName("memoryBacking");
        for (int i = 0; i < backings.getLength(); i++) {
            Element source = child((Element) backings.item(i), "source");
            if (source != null && source.getAttribute("type").equals("file")) {
                return true;
            }
            memfd |= source != null && source.getAttribute("type").equals("memfd");
        }
        NodeList cells = doc.getElementsByTagName("cell");
        for (int i = 0; i < cells.getLength(); i++) {
            access |= !((Element) cells.item(i)).getAttribute("memAccess").isEmpty();
        }
        return access && !memfd;
    }

    private static String peripheralNeed(Document doc) {
        NodeList disks = doc.getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            Element disk = (Element) disks.item(i);
            Element source = child(disk, "source");
            switch (disk.getAttribute("type")) {
                case "vhostuser" -> {
                    return "<disk type='vhostuser'> needs a vhost-user-blk backend listening on its socket";
                }
                case "dir" -> {
                    if (source != null) {
                        return "<disk type='dir'> needs its host directory (QEMU reads it into a FAT image)";
                    }
                }
                case "network" -> {
                    if (source != null && source.getAttribute("tls").equals("yes")) {
                        return "<disk type='network'> with tls='yes' needs certificates in /etc/pki/qemu and a TLS NBD server";
                    }
                    if (source != null) {
                        return "<disk type='network'> needs its " + source.getAttribute("protocol") + " server";
                    }
                }
                default -> { }
            }
        }
        NodeList backends = doc.getElementsByTagName("backend");
        for (int i = 0; i < backends.getLength(); i++) {
            if (((Element) backends.item(i)).getAttribute("model").equals("egd")) {
                return "<rng> egd backend needs an entropy server";
            }
        }
        NodeList memories = doc.getElementsByTagName("memory");
        for (int i = 0; i < memories.getLength(); i++) {
            Element memory = (Element) memories.item(i);
            if (memory.getAttribute("model").equals("nvdimm")) {
                return "<memory model='nvdimm'> needs its backing file (and libpmem for <pmem/>)";
            }
            if (!memory.getAttribute("access").isEmpty()) {
                return "<memory access=...> is backed by a file in libvirt's memory directory";
            }
        }
        if (inLibvirtMemoryDirectory(doc)) {
            return "guest RAM in a file of libvirt's memory directory (<memoryBacking> source file or access, memAccess)";
        }
        NodeList addresses = doc.getElementsByTagName("address");
        for (int i = 0; i < addresses.getLength(); i++) {
            if (((Element) addresses.item(i)).getAttribute("type").equals("spapr-vio")) {
                return "an <address type='spapr-vio'>: the sPAPR VIO bus exists only in qemu-system-ppc64";
            }
        }
        NodeList controllers = doc.getElementsByTagName("controller");
        for (int i = 0; i < controllers.getLength(); i++) {
            if (((Element) controllers.item(i)).getAttribute("model").equals("ibmvscsi")) {
                return "<controller model='ibmvscsi'> is spapr-vscsi, which only qemu-system-ppc64 has";
            }
        }
        java.util.Set<String> acpiIndexes = new java.util.HashSet<>();
        NodeList acpis = doc.getElementsByTagName("acpi");
        for (int i = 0; i < acpis.getLength(); i++) {
            String index = ((Element) acpis.item(i)).getAttribute("index");
            if (index.matches("\\d{1,9}") && (Long.parseLong(index) > 16383 || !acpiIndexes.add(index))) {
                // libvirt 9.0 passes both on; QEMU checks them when it creates the device
                return "<acpi index> above 16383 or given twice, which QEMU refuses";
            }
        }
        NodeList accelerations = doc.getElementsByTagName("acceleration");
        for (int i = 0; i < accelerations.getLength(); i++) {
            if (((Element) accelerations.item(i)).getAttribute("accel3d").equals("yes")) {
                return "<acceleration accel3d='yes'> needs QEMU's OpenGL display module, which Debian ships apart";
            }
        }
        NodeList sounds = doc.getElementsByTagName("sound");
        for (int i = 0; i < sounds.getLength(); i++) {
            if (((Element) sounds.item(i)).getAttribute("model").equals("pcspk")) {
                return "<sound model='pcspk'> is written as -soundhw pcspk, which QEMU 7.2 no longer has";
            }
        }
        if (doc.getElementsByTagName("table").getLength() > 0) {
            return "<os><acpi><table> needs the ACPI table's file on the host";
        }
        NodeList inputs = doc.getElementsByTagName("input");
        for (int i = 0; i < inputs.getLength(); i++) {
            String type = ((Element) inputs.item(i)).getAttribute("type");
            if (type.equals("passthrough") || type.equals("evdev")) {
                return "<input type='" + type + "'> needs a host input device";
            }
        }
        if (doc.getElementsByTagName("interconnects").getLength() > 0 || doc.getElementsByTagName("cache").getLength() > 0) {
            // libvirt passes on what the XML gives; QEMU 7.2 wants latency and bandwidth for every node before
            // any cache, and bandwidths in whole MiB
            return "NUMA HMAT tables: QEMU 7.2 refuses partial ones, which libvirt writes as given";
        }
        NodeList sysinfos = doc.getElementsByTagName("sysinfo");
        for (int i = 0; i < sysinfos.getLength(); i++) {
            Element sysinfo = (Element) sysinfos.item(i);
            if (!sysinfo.getAttribute("type").equals("fwcfg")) {
                continue;
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            NodeList entries = sysinfo.getElementsByTagName("entry");
            for (int e = 0; e < entries.getLength(); e++) {
                Element entry = (Element) entries.item(e);
                if (entry.hasAttribute("file") || !names.add(entry.getAttribute("name"))) {
                    return "<sysinfo type='fwcfg'> entries from host files or under one name twice, which QEMU refuses";
                }
            }
        }
        NodeList hyperv = doc.getElementsByTagName("hyperv");
        for (int i = 0; i < hyperv.getLength(); i++) {
            for (org.w3c.dom.Node n = hyperv.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && !List.of("relaxed", "vapic", "spinlocks").contains(e.getTagName())) {
                    return "<hyperv><" + e.getTagName() + "> needs KVM: TCG has no such enlightenment";
                }
            }
        }
        NodeList elements = doc.getElementsByTagName("*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.getAttribute("type").equals("dbus")) {
                // QEMU's D-Bus display, audio and chardevs need a bus: libvirt starts a dbus-daemon for the guest
                return "<" + element.getTagName() + " type='dbus'> needs a D-Bus daemon";
            }
        }
        NodeList graphics = doc.getElementsByTagName("graphics");
        for (int i = 0; i < graphics.getLength(); i++) {
            String type = ((Element) graphics.item(i)).getAttribute("type");
            if (type.equals("sdl") || type.equals("egl-headless")) {
                return "<graphics type='" + type + "'> needs an X display or a DRM render node";
            }
            NodeList listens = ((Element) graphics.item(i)).getElementsByTagName("listen");
            for (int l = 0; l < listens.getLength(); l++) {
                Element listen = (Element) listens.item(l);
                if (listen.getAttribute("type").equals("socket") && listen.getAttribute("socket").isEmpty()) {
                    return "<listen type='socket'> without a path needs libvirt's domain directory";
                }
            }
        }
        for (String kind : List.of("serial", "parallel", "channel", "console")) {
            NodeList devices = doc.getElementsByTagName(kind);
            for (int i = 0; i < devices.getLength(); i++) {
                Element device = (Element) devices.item(i);
                String type = device.getAttribute("type");
                Element source = child(device, "source");
                boolean connects = (type.equals("tcp") || type.equals("unix")) && source != null
                        && !source.getAttribute("mode").equals("bind");
                if (connects || type.equals("pipe") || type.equals("dev")
                        || source != null && source.getAttribute("tls").equals("yes")) {
                    return "<" + kind + " type='" + type + "'> needs a peer, a host device or certificates of the host's";
                }
                if (type.equals("udp") && hasCommaInAddress(device)) {
                    return "<" + kind + " type='udp'> with a comma in a host or service: libvirt writes it unescaped,"
                            + " which QEMU cannot parse";
                }
            }
        }
        NodeList channels = doc.getElementsByTagName("channel");
        for (int i = 0; i < channels.getLength(); i++) {
            Element channel = (Element) channels.item(i);
            Element source = child(channel, "source");
            // a path that looks generated (.../domain-NAME/TARGET) is generated again in libvirt's directory
            if (channel.getAttribute("type").equals("unix")
                    && (source == null || source.getAttribute("path").matches(".*/domain-[^/]+/[^/]+"))) {
                return "<channel type='unix'> without a path, or with one libvirt generates again, needs libvirt's channel directory";
            }
        }
        return null;
    }

    private static boolean hasCommaInAddress(Element device) {
        NodeList sources = device.getElementsByTagName("source");
        for (int i = 0; i < sources.getLength(); i++) {
            Element source = (Element) sources.item(i);
            if (source.getAttribute("host").contains(",") || source.getAttribute("service").contains(",")) {
                return true;
            }
        }
        return false;
    }

    /** The images of a disk's backing chain, each in its {@code <format>}; or what stops the case from booting. */
    private static String backingImages(Element disk, Map<String, String> images) {
        NodeList chain = disk.getElementsByTagName("backingStore");
        for (int i = 0; i < chain.getLength(); i++) {
            Element store = (Element) chain.item(i);
            if (store.getAttribute("type").isEmpty()) {
                continue; // the end of the chain
            }
            Element source = child(store, "source");
            String file = source == null ? "" : source.getAttribute("file");
            if (!store.getAttribute("type").equals("file") || !file.startsWith(DISK_DIR)) {
                return "a backing image that is not a file under " + DISK_DIR;
            }
            images.put(file.substring(DISK_DIR.length()), child(store, "format").getAttribute("type"));
        }
        return null;
    }

    /**
     * The format QEMU opens the image with: the driver type when the XML gives one (a file named
     * .raw may be declared qcow2), otherwise qcow2 for *.qcow2 and raw for everything else.
     */
    private static String imageFormat(Element disk, String file) {
        Element driver = child(disk, "driver");
        String type = driver == null ? "" : driver.getAttribute("type");
        if (type.equals("qcow2") || type.equals("raw")) {
            return type;
        }
        return file.endsWith(".qcow2") ? "qcow2" : "raw";
    }

    private static Element child(Element parent, String tag) {
        NodeList children = parent.getElementsByTagName(tag);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }

    private static Document parse(Path xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new IOException(xml + ": cannot parse: " + e.getMessage(), e);
        }
    }

    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    /**
     * libvirt's own command line from NAME.args, made runnable here: the environment prefix and the
     * binary are dropped (the caller puts its QEMU first), and so are the host-specific parts (the
     * masterKey secret, the monitor chardev and -mon, -sandbox, tap netdevs passed as fds).
     * What is returned has no -S/-display/-qmp additions yet.
     */
    List<String> libvirtOptions() throws IOException {
        List<String> words = dev.domxml.args.ArgvComparison.shellWords(Files.readString(args, StandardCharsets.UTF_8));
        int i = 0;
        while (i < words.size() && ENV_ASSIGNMENT.matcher(words.get(i)).matches()) {
            i++;
        }
        if (i >= words.size()) {
            throw new IOException(args + ": no QEMU binary after the environment");
        }
        List<String> options = new ArrayList<>();
        i++;
        while (i < words.size()) {
            String option = words.get(i);
            // every libvirt option is "-name" or "-name value"; no value starts with '-'
            boolean hasValue = i + 1 < words.size() && !words.get(i + 1).startsWith("-");
            String value = hasValue ? words.get(i + 1) : "";
            boolean drop = switch (option) {
                case "-object" -> value.contains("\"qom-type\":\"secret\"") && value.contains("\"id\":\"masterKey0\"");
                case "-chardev" -> value.contains("id=charmonitor");
                case "-mon", "-sandbox" -> true;
                case "-netdev" -> value.contains("\"type\":\"tap\"") && value.contains("\"fd\":")
                        || value.startsWith("tap,") && value.contains("fd=");
                default -> false;
            };
            if (!drop) {
                options.add(option);
                if (hasValue) {
                    options.add(value);
                }
            }
            i += hasValue ? 2 : 1;
        }
        return options;
    }
}
