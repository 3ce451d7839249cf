package dev.plateau.data;

import dev.plateau.space.CaloTarget;
import dev.plateau.space.Task;
import dev.plateau.space.CaloSource;
import dev.plateau.space.CsvSource;
import dev.plateau.space.MissingPolicy;
import dev.plateau.space.DatasetSpec;
import java.nio.file.Path;

/** Turns a search space's dataset block into a {@link Dataset} in memory. */
public final class DatasetLoader {
    private DatasetLoader() {}

    public static Dataset load(DatasetSpec spec) {
        if (spec.source() instanceof CaloSource calo) return calo(calo);
        CsvSource csv = (CsvSource) spec.source();
        return CsvDatasetReader.of(csv).read();
    }

    static Dataset calo(CaloSource calo) {
        return new CaloShowerGenerator(CaloDetector.shashlik()).generate(calo.variant(), calo.events(), calo.seed()).toDataset(calo.target());
    }

    /**
     * A study's data, loaded and split as every candidate of it shares it: the one call every command
     * that trains or judges a study's models makes. Run it before anything is written, so bad data
     * leaves no trace.
     */
    public static PreparedData prepare(dev.plateau.space.SearchSpace space) {
        return PreparedData.split(load(space.dataset()), space.dataset().split().validation(), space.dataset().split().test(),
                space.study().seed(), metricOf(space.dataset()));
    }

    /** The figure of merit of a data source (see {@link TaskMetric}). */
    public static TaskMetric metricOf(DatasetSpec spec) {
        if (spec.source() instanceof CaloSource calo) return calo.target() == CaloTarget.ENERGY ? TaskMetric.RELATIVE_RMSE : TaskMetric.RMSE;
        return spec.source().task() == Task.CLASSIFICATION ? TaskMetric.ACCURACY : TaskMetric.RMSE;
    }
}
