package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import java.util.List;

/** Receives the search's progress; the store writes files from it, the command line shows progress. */
public interface SearchListener {
    /**
     * A generation starts: {@code proposals} genotypes need a fitness, {@code toTrain} of them are
     * instances never seen in this study (the rest are served from the cache or the journal).
     */
    default void generationStarted(int generation, int proposals, int toTrain) { }

    /** One instance finished training; called from worker threads, in completion order. */
    default void instanceDone(int generation, Evaluation evaluation) { }

    /**
     * A generation's new results in evaluation order — those trained now and those replayed from the
     * journal of an earlier run — and the archive after them.
     */
    void generationDone(int generation, List<Evaluation> newEvaluations, ParetoArchive archive);
}
