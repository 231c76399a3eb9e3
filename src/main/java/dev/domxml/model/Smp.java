package dev.domxml.model;

import java.util.OptionalInt;

/** {@code -smp}: online vCPUs, the maximum, and the topology. {@code dies} only when written. */
public record Smp(int cpus, int maxCpus, int sockets, OptionalInt dies, int cores, int threads) {}
