package dev.domxml.cli;

import dev.domxml.libvirt.DomainSource;
import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.libvirt.LibvirtError;
import dev.domxml.lint.Linter;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code lint --connect URI... --all} (or {@code --domain NAME}): lints domains read from libvirt, host
 * after host, each reported as {@code URI/NAME}. A host that cannot be reached, or a domain that cannot
 * be read, becomes an error finding of rule {@value #RULE_ID} and the run goes on.
 */
final class FleetLint {
    static final String RULE_ID = "libvirt";
    /** A host that has not answered by then is reported and skipped (ssh and TCP may otherwise hang for minutes). */
    static final long CONNECT_TIMEOUT_SECONDS = 60;
    private static final int MAX_NAMES_SHOWN = 50;

    private FleetLint() {}

    static List<Linter.Report> lint(List<String> uris, Optional<String> domain, Linter linter, PrintWriter err) {
        List<Linter.Report> reports = new ArrayList<>();
        for (String uri : uris) {
            LibvirtConnection connection;
            try {
                connection = open(uri);
            } catch (LibvirtError e) {
                reports.add(failure(uri, e));
                continue;
            }
            try (connection) {
                DomainSource source = new DomainSource(connection);
                List<String> names = domain.isPresent() ? List.of(domain.get()) : source.names();
                try (ProgressBar progress = ProgressBar.start(err, names.size())) {
                    for (String name : names) {
                        progress.step(DomainSource.Fetched.label(uri, name));
                        try {
                            DomainSource.Fetched fetched = source.byName(name);
                            reports.add(linter.lint(fetched.xml().getBytes(StandardCharsets.UTF_8), fetched.label()));
                        } catch (LibvirtError e) {
                            reports.add(failure(DomainSource.Fetched.label(uri, name), e));
                        }
                    }
                }
                if (domain.isEmpty()) {
                    err.println(summary(uri, names));
                }
            } catch (LibvirtError e) {
                reports.add(failure(uri, e));
            }
        }
        return reports;
    }

    /** Opens a read-only connection, giving up after {@link #CONNECT_TIMEOUT_SECONDS}. */
    private static LibvirtConnection open(String uri) throws LibvirtError {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "libvirt-connect " + uri);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<LibvirtConnection> opening = executor.submit(() -> LibvirtConnection.open(uri, true));
            return opening.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LibvirtError error) {
                throw error;
            }
            throw new LibvirtError(LibvirtError.Kind.CONNECT, uri, "cannot connect: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LibvirtError(LibvirtError.Kind.CONNECT, uri, "cannot connect: no answer within "
                    + CONNECT_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibvirtError(LibvirtError.Kind.CONNECT, uri, "cannot connect: interrupted");
        } finally {
            executor.shutdown();
        }
    }

    /** {@code URI: 3 domains linted: a, b, c} on stderr, so that a clean domain is seen to have been linted. */
    static String summary(String uri, List<String> names) {
        int shown = Math.min(names.size(), MAX_NAMES_SHOWN);
        String list = String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? ", and " + (names.size() - shown) + " more" : "");
        return uri + ": " + names.size() + (names.size() == 1 ? " domain" : " domains") + " linted"
                + (names.isEmpty() ? "" : ": " + list);
    }

    /** An unreachable host or unreadable domain, as lint reports an unreadable file (exit 2). */
    private static Linter.Report failure(String where, LibvirtError e) {
        return new Linter.Report(where, List.of(new Diagnostic(Severity.ERROR, RULE_ID, e.getMessage(),
                Optional.of(SourcePosition.ofFile(where)))), true);
    }
}
