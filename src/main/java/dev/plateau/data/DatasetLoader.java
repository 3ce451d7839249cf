package dev.plateau.data;

import dev.plateau.space.CaloSource;
import dev.plateau.space.CsvSource;
import dev.plateau.space.DatasetSpec;
import java.nio.file.Path;

/** Turns a search space's dataset block into a {@link Dataset} in memory. */
public final class DatasetLoader {
    private DatasetLoader() {}

    public static Dataset load(DatasetSpec spec) {
        if (spec.calo() != null) return calo(spec.calo());
        CsvSource csv = spec.csv();
        return new CsvDatasetReader(Path.of(csv.path()), csv.features(), csv.targets(), Task.parse(csv.task()),
                csv.missing().equals("drop_row")).read();
    }

    static Dataset calo(CaloSource calo) {
        CaloShowers showers = new CaloShowerGenerator(CaloDetector.shashlik())
                .generate(CaloVariant.parse(calo.variant()), calo.events(), calo.seed());
        return showers.toDataset(CaloShowers.Target.parse(calo.target()));
    }

    /** The figure of merit of a data source (see {@link TaskMetric}). */
    public static TaskMetric metricOf(DatasetSpec spec) {
        if (spec.calo() != null) return spec.calo().target().equalsIgnoreCase("energy") ? TaskMetric.RELATIVE_RMSE : TaskMetric.RMSE;
        return Task.parse(spec.csv().task()) == Task.CLASSIFICATION ? TaskMetric.ACCURACY : TaskMetric.RMSE;
    }
}
