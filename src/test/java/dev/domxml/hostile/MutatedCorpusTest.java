package dev.domxml.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.domxml.xml.ReaderParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated corpus files (bytes flipped, ranges cut, lines repeated, numbers and words
 * swapped) in one batch: every file is reported, and no exception escapes.
 */
class MutatedCorpusTest {
    private static final int MUTANTS_PER_FILE = 16;
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final String[] WORDS = {"scsi", "virtio", "sata", "ide", "none", "native", "0", "-1", "99999",
        "0x1f", "q35", "lun", "cdrom", "unmap", "", "sda", "vda", "hdc", "qcow2", "4294967296"};

    @Test
    void everyMutantIsReportedAndNothingEscapes(@TempDir Path dir) throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Paths.get("src/test/resources/corpus"))) {
            sources = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        Random random = new Random(20261124);
        int count = 0;
        for (Path source : sources) {
            String text = Files.readString(source);
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                Files.write(dir.resolve("m" + (count++) + ".xml"), mutate(text, random));
            }
        }

        HostileXmlTest.Run lint = HostileXmlTest.run("lint", "--format=json", dir.toString());
        // an internal error ends the report early: say which, before reading the report
        assertThat(lint.err()).doesNotContain("Exception", "internal error");
        JsonNode report = new ObjectMapper().readTree(lint.out());
        assertThat(report.get("files").asInt()).isEqualTo(count).isGreaterThan(2000);
        assertThat(lint.status()).isIn(0, 1, 2);

        Path out = dir.resolve("args");
        HostileXmlTest.Run toArgs = HostileXmlTest.run("to-args", "--out-dir", out.toString(), dir.toString());
        assertThat(toArgs.err()).doesNotContain("Exception", "internal error");
        long written;
        try (Stream<Path> files = Files.list(out)) {
            written = files.count();
        }
        long refusedOrUnreadable = toArgs.err().lines().filter(l -> l.contains(": error: ")).map(l -> l.split(":")[0])
                .distinct().count();
        assertThat(written + refusedOrUnreadable).as("every mutant is written or refused").isEqualTo(count);
    }

    @Test
    void everyMutantIsReadByToArgsAsFixReadsIt() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Paths.get("src/test/resources/corpus"))) {
            sources = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        Random random = new Random(Long.getLong("mutants.seed", 20261125));
        for (Path source : sources) {
            String text = Files.readString(source);
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                ReaderParity.assertSameReading(mutate(text, random), source + "#" + i);
            }
        }
    }

    private static byte[] mutate(String text, Random random) {
        String mutated = switch (random.nextInt(5)) {
            case 0 -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 1 -> {
                int from = random.nextInt(text.length());
                yield text.substring(0, from) + text.substring(Math.min(text.length(), from + random.nextInt(200)));
            }
            case 2 -> {
                String[] lines = text.split("\n");
                int line = random.nextInt(lines.length);
                yield text.replace(lines[line] + "\n", lines[line] + "\n" + lines[line] + "\n");
            }
            case 3 -> replaceOne(text, NUMBER, String.valueOf(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(40)), random);
            default -> replaceOne(text, QUOTED, "'" + WORDS[random.nextInt(WORDS.length)] + "'", random);
        };
        return mutated.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(mutated)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static String replaceOne(String text, Pattern pattern, String replacement, Random random) {
        Matcher m = pattern.matcher(text);
        List<int[]> spans = new java.util.ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

}
