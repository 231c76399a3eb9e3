package dev.domxml.fix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which I/O thread a controller or disk gets, the same for domain XML (integer ids) and command lines
 * (object ids): a thread of its own, each existing thread claimed by one owner at most, or with
 * {@code --pool N} the next of N shared threads in turn (existing ones first).
 */
final class ThreadAssignment<T> {
    private final boolean pooled;
    private final Set<T> claimed = new HashSet<>();
    private final List<T> pool = new ArrayList<>();
    private int roundRobin;

    /** {@code newThread} declares a new thread and returns its id; it is called only to fill the pool here. */
    ThreadAssignment(FixOptions options, Collection<T> existing, Supplier<T> newThread) {
        pooled = options.pool().isPresent();
        options.pool().ifPresent(size -> {
            for (T thread : existing) {
                if (pool.size() < size) {
                    pool.add(thread);
                }
            }
            while (pool.size() < size) {
                pool.add(newThread.get());
            }
        });
    }

    boolean pooled() {
        return pooled;
    }

    /** Whether an owner may keep this thread: in a pool any may, otherwise only its first claimant. */
    boolean claimable(T thread) {
        return pooled || !claimed.contains(thread);
    }

    T claim(T thread) {
        claimed.add(thread);
        return thread;
    }

    T nextFromPool() {
        return pool.get(roundRobin++ % pool.size());
    }
}
