package dev.domxml.corpus;

import dev.domxml.rules.DomainMapper;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.xml.DomainReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corpus cases whose command line does not carry the whole domain: libvirt hot-plugs a transient disk
 * that shares its backing image ({@code <transient shareBacking='yes'/>}) once QEMU runs, so the line
 * lacks that disk while the other disks keep the node numbers counted with it. Read back, such a line
 * gives the same disks numbered without the gap; tests compare those with {@link #renumbered}.
 */
public final class HotPluggedDisks {
    private static final Pattern NODE_NUMBER = Pattern.compile("libvirt-(\\d+)-");

    private HotPluggedDisks() {}

    /** Whether the domain of a case (its NAME.xml, NAME.args beside it) has a disk libvirt plugs in later. */
    public static boolean leftOffTheLine(Path caseFile) throws Exception {
        Path xml = caseFile.resolveSibling(caseFile.getFileName().toString().replaceFirst("\\.(args|xml)$", "") + ".xml");
        if (!Files.exists(xml)) {
            return false;
        }
        return DomainMapper.map(DomainReader.read(xml)).resolved()
                .map(domain -> domain.disks().stream().anyMatch(ResolvedDisk::attachedAfterStart)).orElse(false);
    }

    /** A text with libvirt's node numbers replaced by their rank, highest first, so that a gap does not count. */
    public static String renumbered(String text) {
        Matcher m = NODE_NUMBER.matcher(text);
        TreeSet<Integer> numbers = new TreeSet<>(Comparator.reverseOrder());
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        List<Integer> ranked = List.copyOf(numbers);
        return m.reset().replaceAll(r -> "libvirt-#" + (ranked.indexOf(Integer.parseInt(r.group(1))) + 1) + "-");
    }
}
