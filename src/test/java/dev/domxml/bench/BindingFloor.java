package dev.domxml.bench;

import dev.domxml.binding.Domain;
import dev.domxml.xml.DomainReader;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The least any JAXB-based reader must do, with nothing of domxml's own around it: start the JVM, build
 * the JAXB context of the domain binding and unmarshal the files, on all cores, then exit. No picocli,
 * no rules, no export, no output. {@code bench/floor} times it against the peers in the same run: where
 * this alone misses a ratio of issue #7, no program built on that layer can meet it on that machine.
 *
 * <p>usage: {@code BindingFloor jaxb|read|sax FILE_OR_DIR}: a plain JAXB unmarshaller, domxml's own
 * streamed reader (JAXB fed by one SAX pass that also records positions), or the SAX parse alone.
 */
public final class BindingFloor {
    private BindingFloor() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean jaxb = !mode.equals("sax");
        Path input = Path.of(args[1]);
        List<Path> files;
        if (Files.isDirectory(input)) {
            try (Stream<Path> listing = Files.list(input)) {
                files = listing.sorted().toList();
            }
        } else {
            files = List.of(input);
        }
        JAXBContext context = mode.equals("jaxb") ? JAXBContext.newInstance(Domain.class)
                : mode.equals("read") ? DomainReader.context() : null;
        int threads = files.size() == 1 ? 1 : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                Unmarshaller unmarshaller = jaxb ? context.createUnmarshaller() : null;
                SAXParserFactory factory = SAXParserFactory.newInstance();
                factory.setNamespaceAware(true);
                SAXParser parser = factory.newSAXParser();
                DefaultHandler ignore = new DefaultHandler();
                long seen = 0;
                for (int i = first; i < files.size(); i += threads) {
                    byte[] content = Files.readAllBytes(files.get(i));
                    if (mode.equals("read")) {
                        seen += DomainReader.read(content, files.get(i).toString()).domain().name == null ? 0 : 1;
                    } else if (jaxb) {
                        Domain domain = (Domain) unmarshaller.unmarshal(new ByteArrayInputStream(content));
                        seen += domain.name == null ? 0 : 1;
                    } else {
                        parser.reset();
                        parser.parse(new ByteArrayInputStream(content), ignore);
                        seen++;
                    }
                }
                return seen;
            }));
        }
        long seen = 0;
        for (Future<Long> part : parts) {
            seen += part.get();
        }
        pool.shutdown();
        System.out.println(seen);
    }
}
