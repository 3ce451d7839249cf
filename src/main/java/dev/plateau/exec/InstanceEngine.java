package dev.plateau.exec;

import dev.plateau.space.Instance;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evaluates a batch of instances. Implementations differ only in where the work runs, never in the
 * results (design §7).
 */
public interface InstanceEngine extends AutoCloseable {
    /**
     * Evaluates {@code batch} and returns the evaluations in batch order, calling {@code onDone} (from
     * any thread) as each one finishes. Under {@code control}, instances that may no longer start are
     * left out, so the returned list is shorter than the batch when the run stops.
     */
    List<Evaluation> evaluate(List<Instance> batch, RunControl control, Consumer<Evaluation> onDone, EarlyStopRule earlyStop);

    default List<Evaluation> evaluate(List<Instance> batch, RunControl control, Consumer<Evaluation> onDone) {
        return evaluate(batch, control, onDone, EarlyStopRule.NEVER);
    }

    default List<Evaluation> evaluate(List<Instance> batch) {
        return evaluate(batch, RunControl.unlimited(), e -> { });
    }

    /** How many instances run at once. */
    int workers();

    /** Seconds the workers have spent evaluating instances so far, summed over workers (NaN when not measured). */
    default double busySeconds() { return Double.NaN; }

    @Override
    void close();
}
