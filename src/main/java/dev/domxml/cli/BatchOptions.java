package dev.domxml.cli;

import picocli.CommandLine.Option;

/** How many inputs a command works on at once. */
final class BatchOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Inputs processed at once (default: one per core). Output stays in input order.")
    Integer jobs;

    int threads(int inputs) {
        int wanted = jobs != null ? Math.max(1, jobs) : Batch.defaultThreads();
        return Math.min(wanted, Math.max(1, inputs));
    }
}
