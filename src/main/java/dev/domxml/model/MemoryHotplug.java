package dev.domxml.model;

/** Room for memory hotplug: {@code -m size=...,slots=N,maxmem=...k}. */
public record MemoryHotplug(int slots, long maxMemoryKiB) {}
