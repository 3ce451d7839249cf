package dev.plateau.exec;

import dev.plateau.space.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Evaluates instances on a fixed pool of Java threads, one single-threaded network per thread
 * (OMP_NUM_THREADS=1 is set by the launcher; dl4j-notes.md §2: two networks on two threads beat one
 * network on two). A batch starts longest first ({@link InstanceEvaluator#longestFirst}); results
 * come back in batch order whatever order the threads start and finish in, so they never depend on it.
 * The workers' time spent evaluating is kept ({@link #busySeconds}).
 */
public final class LocalEngine implements InstanceEngine {
    private static final long POLL_MILLIS = 200;

    private final InstanceEvaluator evaluator;
    private final ExecutorService pool;
    private final int workers;
    private final CrashIsolation isolation;
    private final java.util.concurrent.atomic.AtomicLong busyNanos = new java.util.concurrent.atomic.AtomicLong();

    public LocalEngine(InstanceEvaluator evaluator, int workers) { this(evaluator, workers, CrashIsolation.none()); }

    /** @param isolation what earlier process crashes say about the instances (see {@link CrashIsolation}) */
    public LocalEngine(InstanceEvaluator evaluator, int workers, CrashIsolation isolation) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        this.evaluator = evaluator;
        this.workers = workers;
        this.isolation = isolation;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "plateau-worker-" + n.incrementAndGet());
            t.setDaemon(true);  // an abandoned training must not keep the JVM alive
            return t;
        });
    }

    @Override
    public List<Evaluation> evaluate(List<Instance> batch, RunControl control, Consumer<Evaluation> onDone, EarlyStopRule earlyStop) {
        List<Future<Evaluation>> futures = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        for (int i : evaluator.longestFirst(batch)) {
            Instance instance = batch.get(i);
            futures.set(i, pool.submit(() -> {
                if (!control.mayStart()) return null;
                long t0 = System.nanoTime();
                Evaluation e = isolation.crashedTwice(instance.key()) ? evaluator.nativeCrash(instance)
                        : isolation.run(instance.key(), () -> evaluator.evaluate(instance, earlyStop));
                busyNanos.addAndGet(System.nanoTime() - t0);
                if (e.result().outcome() == Outcome.FAILED) control.recordFailure(e.result().failure());  // not pruned or rejected
                onDone.accept(e);
                return e;
            }));
        }
        List<Evaluation> results = new ArrayList<>(batch.size());
        try {
            for (Future<Evaluation> f : futures) {
                Evaluation e = await(f, control);
                if (e != null) results.add(e);  // null: not started, or abandoned by an immediate stop

            }
        } finally {
            futures.forEach(f -> f.cancel(false));
        }
        return results;
    }

    @Override
    public double busySeconds() { return busyNanos.get() / 1e9; }

    private static Evaluation await(Future<Evaluation> f, RunControl control) {
        while (true) {
            var stop = control.stopped();
            if (stop.isPresent() && stop.get().immediate() && !f.isDone()) return null;
            try {
                return f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the control again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.stopNow("interrupted");
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException("an evaluation escaped its failure handling", e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                return null;
            }
        }
    }

    @Override
    public int workers() { return workers; }

    @Override
    public void close() { pool.shutdownNow(); }
}
