package dev.plateau.exec;

import dev.plateau.space.Instance;
import java.util.List;

/**
 * Evaluates a batch of instances and returns their evaluations in the batch's order. Implementations
 * differ only in where the work runs, never in the results (design §7).
 */
public interface InstanceEngine extends AutoCloseable {
    List<Evaluation> evaluate(List<Instance> batch);

    /** How many instances run at once. */
    int workers();

    @Override
    void close();
}
