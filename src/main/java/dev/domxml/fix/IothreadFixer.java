package dev.domxml.fix;

import dev.domxml.binding.Disk;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DriveAddress;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedIoThread;
import dev.domxml.xml.EditableDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Gives every disk the I/O thread the user meant: a SCSI disk that shares a virtio-scsi controller moves
 * to a controller of its own (unit 0), every virtio-scsi controller with disks and every virtio-blk disk
 * gets an iothread, an iothread wrongly set on a SCSI disk moves to its controller, and {@code
 * <iothreads>}/{@code <iothreadids>} are kept consistent. Edits go into the user's own text.
 */
final class IothreadFixer {
    private final EditableDocument document;
    private final ResolvedDomain domain;
    private final FixOptions options;
    private final TextEdits edits;
    private final List<String> changes = new ArrayList<>();
    private final Set<Integer> defined = new LinkedHashSet<>();
    private final List<Integer> added = new ArrayList<>();
    private final ThreadAssignment<Integer> threads;
    private int nextControllerIndex;
    private Element lastControllerOrDisk;

    IothreadFixer(EditableDocument document, ResolvedDomain domain, FixOptions options) {
        this.document = document;
        this.domain = domain;
        this.options = options;
        this.edits = new TextEdits(document.source());
        domain.iothreads().stream().map(ResolvedIoThread::id).forEach(defined::add);
        nextControllerIndex = domain.controllers().stream().filter(c -> c.is("scsi"))
                .mapToInt(ResolvedController::index).max().orElse(-1) + 1;
        threads = new ThreadAssignment<>(options, defined, this::newId);
    }

    FixResult fix() {
        lastControllerOrDisk = lastElement("controller").or(() -> lastElement("disk")).orElse(null);
        Map<Integer, List<ResolvedDisk>> scsiByController = new TreeMap<>();
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.bus() == DiskBus.SCSI && disk.driveAddress().isPresent()) {
                scsiByController.computeIfAbsent(disk.driveAddress().get().controller(), k -> new ArrayList<>()).add(disk);
            }
        }
        scsiByController.forEach(this::fixScsiController);
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.isVhostUser()) {
                // its I/O runs in the vhost-user backend's process, and libvirt refuses an iothread on it
                changes.add("left alone: " + disk.target() + ", a vhost-user disk: its backend does the I/O");
            } else if (disk.bus() == DiskBus.VIRTIO) {
                fixVirtioDisk(disk);
            } else if (disk.bus() != DiskBus.SCSI && disk.iothread().isPresent()) {
                edits.removeAttribute(element(disk.xml().driver), "iothread");
                changes.add(disk.target() + ": removed iothread='" + disk.iothread().getAsInt() + "': " + disk.bus().xmlName()
                        + " disks cannot run in an I/O thread");
            }
        }
        updateIoThreadDeclarations();
        return new FixResult(document.source(), edits.isEmpty() ? document.source() : edits.apply(), changes);
    }

    private void fixScsiController(int index, List<ResolvedDisk> disks) {
        Optional<ResolvedController> found = domain.controller("scsi", index);
        if (found.isEmpty()) {
            return;
        }
        ResolvedController controller = found.get();
        String names = String.join(", ", disks.stream().map(ResolvedDisk::target).toList());
        if (!controller.model().equals("virtio-scsi")) {
            if (!options.convertEmulated()) {
                changes.add("left alone: " + names + " on emulated " + controller.model() + " controller " + index
                        + " (use --convert-emulated to make it virtio-scsi; the guest needs the virtio-scsi driver)");
                // libvirt refuses an iothread on a SCSI disk, and an emulated controller cannot take it
                disks.forEach(this::removeDiskIothread);
                return;
            }
        }
        ResolvedDisk first = disks.get(0);
        int thread = controller.iothread().isPresent() && threads.claimable(controller.iothread().getAsInt())
                ? threads.claim(controller.iothread().getAsInt()) : threadFor(first);
        if (controller.isImplicit()) {
            insertController(index, thread);
            changes.add("controller " + index + ": added as virtio-scsi with iothread " + thread + " (libvirt would have"
                    + " added an emulated lsilogic); the guest needs the virtio-scsi driver");
        } else {
            Element xml = element(controller.xml().get());
            if (!controller.model().equals("virtio-scsi")) {
                edits.setAttribute(xml, "model", "virtio-scsi");
                changes.add("controller " + index + ": " + controller.model() + " changed to virtio-scsi; the guest"
                        + " needs the virtio-scsi driver");
            }
            if (controller.iothread().isEmpty() || controller.iothread().getAsInt() != thread) {
                setDriverIothread(xml, controller.xml().get().driver, thread, "<driver iothread='%d'/>");
                changes.add("controller " + index + ": runs in iothread " + thread + " (" + first.target() + ")");
            }
        }
        removeDiskIothread(first);
        for (ResolvedDisk disk : disks.subList(1, disks.size())) {
            int newIndex = nextControllerIndex++;
            int diskThread = threadFor(disk);
            insertController(newIndex, diskThread);
            moveDisk(disk, newIndex);
            removeDiskIothread(disk);
            DriveAddress old = disk.driveAddress().orElseThrow();
            changes.add(disk.target() + ": moved from controller " + old.controller() + " (target " + old.target()
                    + ", unit " + old.unit() + ") to new virtio-scsi controller " + newIndex + " (unit 0) with iothread "
                    + diskThread + ": the disk's guest-visible SCSI address changed");
        }
    }

    private void fixVirtioDisk(ResolvedDisk disk) {
        OptionalInt current = disk.iothread();
        if (current.isPresent() && defined.contains(current.getAsInt())
                && threads.claimable(current.getAsInt())) {
            threads.claim(current.getAsInt());
            return;
        }
        int thread = threads.pooled() ? threads.nextFromPool() : threads.claim(newId());
        setDriverIothread(element(disk.xml()), disk.xml().driver, thread, "<driver name='qemu' iothread='%d'/>");
        changes.add(disk.target() + ": runs in iothread " + thread
                + (current.isPresent() ? " (was iothread " + current.getAsInt() + ", shared or undefined)" : ""));
    }

    /** A SCSI disk's wrongly placed iothread is what the user meant for it, so its controller takes it. */
    private int threadFor(ResolvedDisk disk) {
        if (threads.pooled()) {
            return disk.iothread().isPresent() && defined.contains(disk.iothread().getAsInt())
                    ? disk.iothread().getAsInt() : threads.nextFromPool();
        }
        if (disk.iothread().isPresent() && defined.contains(disk.iothread().getAsInt())
                && threads.claimable(disk.iothread().getAsInt())) {
            return threads.claim(disk.iothread().getAsInt());
        }
        return threads.claim(newId());
    }

    private int newId() {
        int id = 1;
        while (defined.contains(id)) {
            id++;
        }
        defined.add(id);
        added.add(id);
        return id;
    }

    private void removeDiskIothread(ResolvedDisk disk) {
        if (disk.iothread().isPresent() && disk.xml().driver != null) {
            edits.removeAttribute(element(disk.xml().driver), "iothread");
            changes.add(disk.target() + ": iothread='" + disk.iothread().getAsInt() + "' removed from the disk (SCSI disks"
                    + " run in their controller's I/O thread)");
        }
    }

    private void setDriverIothread(Element owner, Object driver, int thread, String newDriver) {
        if (driver != null) {
            edits.setAttribute(element(driver), "iothread", String.valueOf(thread));
        } else {
            edits.appendChild(owner, q(String.format(newDriver, thread)));
        }
    }

    private void insertController(int index, int thread) {
        String xml = q("<controller type='scsi' index='" + index + "' model='virtio-scsi'>\n  <driver iothread='"
                + thread + "'/>\n</controller>");
        if (lastControllerOrDisk != null) {
            edits.insertAfter(lastControllerOrDisk, xml);
        } else {
            edits.appendChild(element(document.domain().devices), xml);
        }
    }

    private void moveDisk(ResolvedDisk disk, int controllerIndex) {
        Disk xml = disk.xml();
        if (xml.address != null) {
            Element address = element(xml.address);
            edits.setAttribute(address, "controller", String.valueOf(controllerIndex));
            for (String zero : List.of("bus", "target", "unit")) {
                if (address.hasAttribute(zero) && !address.getAttribute(zero).trim().matches("0+|0x0+")) {
                    edits.setAttribute(address, zero, "0");
                }
            }
        } else {
            edits.appendChild(element(xml), q("<address type='drive' controller='" + controllerIndex
                    + "' bus='0' target='0' unit='0'/>"));
        }
    }

    /** {@code <iothreads>} counts every id; {@code <iothreadids>}, where used, lists the new ones too. */
    private void updateIoThreadDeclarations() {
        if (added.isEmpty()) {
            return;
        }
        Element root = document.dom().getDocumentElement();
        Optional<Element> ids = child(root, "iothreadids");
        ids.ifPresent(list -> added.forEach(id -> edits.appendChild(list, q("<iothread id='" + id + "'/>"))));
        Optional<Element> count = child(root, "iothreads");
        String total = String.valueOf(defined.size());
        if (count.isPresent()) {
            edits.setText(count.get(), total);
        } else {
            Element after = child(root, "vcpu").or(() -> child(root, "currentMemory")).or(() -> child(root, "memory"))
                    .orElse(child(root, "name").orElseThrow());
            edits.insertAfter(after, "<iothreads>" + total + "</iothreads>");
        }
        changes.add("iothreads: " + (count.isPresent() ? "count set to " : "declared ") + total + " (new id"
                + (added.size() > 1 ? "s " : " ") + String.join(", ", added.stream().map(String::valueOf).toList()) + ")");
    }

    private String q(String xml) {
        return edits.quoteChar().equals("'") ? xml : xml.replace('\'', '"');
    }

    private Optional<Element> lastElement(String name) {
        Element devices = document.domain().devices == null ? null : element(document.domain().devices);
        Element last = null;
        if (devices != null) {
            for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    last = e;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private Element element(Object bound) {
        return (Element) document.nodeOf(bound).orElseThrow(
                () -> new IllegalStateException("no DOM node for " + bound.getClass().getSimpleName()));
    }

}
