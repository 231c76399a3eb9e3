package dev.domxml.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per input on several threads and hands the results to a consumer on the calling thread
 * in input order. At most a few results per thread are held at once, so memory stays flat however many
 * inputs there are, and output reads the same as a sequential run's.
 */
final class Batch {
    private static final int RESULTS_PER_THREAD = 16;

    private Batch() {}

    /** Threads to use when the user did not say: one per core. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static <T, R> void forEach(Iterable<T> inputs, int threads, Function<T, R> task, Consumer<R> sink) {
        if (threads <= 1) {
            for (T input : inputs) {
                sink.accept(task.apply(input));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "domxml-batch");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        try {
            for (T input : inputs) {
                inFlight.add(pool.submit(() -> task.apply(input)));
                if (inFlight.size() >= threads * RESULTS_PER_THREAD) {
                    sink.accept(join(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(join(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R join(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            // A task's own failure surfaces as if the task had run on this thread.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
