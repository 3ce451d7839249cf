package dev.plateau.exec;

import dev.plateau.space.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates instances on a fixed pool of Java threads, one single-threaded network per thread
 * (OMP_NUM_THREADS=1 is set by the launcher; dl4j-notes.md §2: two networks on two threads beat one
 * network on two). Results come back in batch order, whatever order the threads finish in.
 */
public final class LocalEngine implements InstanceEngine {
    private final InstanceEvaluator evaluator;
    private final ExecutorService pool;
    private final int workers;

    public LocalEngine(InstanceEvaluator evaluator, int workers) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        this.evaluator = evaluator;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "plateau-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<Evaluation> evaluate(List<Instance> batch) {
        List<Future<Evaluation>> futures = new ArrayList<>(batch.size());
        for (Instance instance : batch) futures.add(pool.submit(() -> evaluator.evaluate(instance)));
        List<Evaluation> results = new ArrayList<>(batch.size());
        try {
            for (Future<Evaluation> f : futures) results.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an evaluation escaped its failure handling", e.getCause());
        }
        return results;
    }

    @Override
    public int workers() { return workers; }

    @Override
    public void close() { pool.shutdownNow(); }
}
