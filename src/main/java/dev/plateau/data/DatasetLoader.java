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
        if (spec.source() instanceof dev.plateau.space.Hdf5Source h5)
            return new Hdf5DatasetReader(Path.of(h5.path()), h5.features(), h5.target(), h5.task(), h5.cells(), spec.weights()).read();
        CsvSource csv = (CsvSource) spec.source();
        return CsvDatasetReader.of(csv, spec.weights()).read();
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
        Dataset raw = load(space.dataset());
        var baseline = space.dataset().baseline();
        if (baseline != null) {
            Path file = Path.of(space.dataset().source() instanceof CsvSource csv ? csv.path() : ((dev.plateau.space.Hdf5Source) space.dataset().source()).path());
            if (!raw.featureNames().contains(baseline.columnName()))
                throw dev.plateau.InputException.at(file, 0, "dataset.baseline", "column '" + baseline.columnName() + "' is not among the features ("
                        + raw.featureCount() + ": " + String.join(", ", raw.featureNames().subList(0, Math.min(6, raw.featureCount())))
                        + (raw.featureCount() > 6 ? ", ..." : "") + ")", "name a feature column, or add it to features");
            if (raw.task() == Task.REGRESSION && raw.targetCount() != 1)
                throw dev.plateau.InputException.at(file, 0, "dataset.baseline", "a one-column baseline predicts one target, the study has "
                        + raw.targetCount(), "drop baseline:, or keep one target");
        }
        PreparedData data = PreparedData.split(raw, space.dataset().split().validation(), space.dataset().split().test(),
                space.study().seed(), metricOf(space.dataset()));
        return space.dataset().classWeights() == dev.plateau.space.ClassWeights.BALANCED
                ? data.withTraining(data.train().withWeights(EventWeights.balanced(data.train()))) : data;
    }

    /** The figure of merit of a data source (see {@link TaskMetric}). */
    public static TaskMetric metricOf(DatasetSpec spec) {
        if (spec.source() instanceof CaloSource calo) return calo.target() == CaloTarget.ENERGY ? TaskMetric.RELATIVE_RMSE : TaskMetric.RMSE;
        if (spec.source() instanceof dev.plateau.space.Hdf5Source h5 && h5.task() == Task.REGRESSION) return TaskMetric.ofLabel(h5.metric());
        return spec.source().task() == Task.CLASSIFICATION ? TaskMetric.ACCURACY : TaskMetric.RMSE;
    }
}
