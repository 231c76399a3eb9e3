package dev.domxml.model;

/** The two cache knobs of a block node: O_DIRECT and ignoring flushes. */
public record CacheFlags(boolean direct, boolean noFlush) {}
