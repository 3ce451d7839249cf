package dev.plateau.select;

import dev.plateau.exec.Evaluation;

/** Receives the search's progress; the store writes files from it, the command line shows progress. */
public interface SearchListener {
    /**
     * A generation starts: {@code proposals} genotypes or configurations need scores, {@code toTrain}
     * instances will be trained (the rest come from the cache or the journal).
     */
    default void generationStarted(int generation, int proposals, int toTrain) { }

    /** One instance finished training; called from worker threads, in completion order. */
    default void instanceDone(int generation, Evaluation evaluation) { }

    /** A generation is complete (or cut short by a stop). */
    void generationDone(GenerationReport report);
}
