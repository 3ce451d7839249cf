package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import java.util.List;

/** Receives the search's progress; the store writes files from it, the CLI shows progress. */
public interface SearchListener {
    /** A generation's new evaluations (in evaluation order) and the archive after them. */
    void generationDone(int generation, List<Evaluation> newEvaluations, ParetoArchive archive);
}
