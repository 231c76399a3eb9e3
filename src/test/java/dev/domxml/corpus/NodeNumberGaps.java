package dev.domxml.corpus;

import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corpus cases whose command line does not show every node number libvirt gave: libvirt hot-plugs a
 * transient disk that shares its backing image ({@code <transient shareBacking='yes'/>}) once QEMU runs,
 * and it numbers the backing chain of an empty drive, which opens nothing; the other disks keep the
 * numbers counted with these. Read back, such a line gives the same disks numbered without the gaps;
 * tests compare those with {@link #renumbered}.
 */
public final class NodeNumberGaps {
    private static final Pattern NODE_NUMBER = Pattern.compile("libvirt-(\\d+)-");

    private NodeNumberGaps() {}

    /** Whether the domain of a case (its NAME.xml, NAME.args beside it) has numbers its line does not show. */
    public static boolean inCase(Path caseFile) throws Exception {
        Path xml = caseFile.resolveSibling(caseFile.getFileName().toString().replaceFirst("\\.(args|xml)$", "") + ".xml");
        if (!Files.exists(xml)) {
            return false;
        }
        return DomainMapper.map(DomainReader.read(xml)).resolved().map(domain -> domain.disks().stream()
                .anyMatch(disk -> disk.attachedAfterStart() || disk.isEmpty() && !disk.backingChain().isEmpty()))
                .orElse(false);
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
