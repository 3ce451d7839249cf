package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.CsvDatasetReader;
import dev.plateau.data.Dataset;
import dev.plateau.data.OutputDomain;
import dev.plateau.data.TaskMetric;
import dev.plateau.export.ModelExport;
import dev.plateau.model.DeployedModel;
import dev.plateau.space.Task;
import dev.plateau.store.PredictionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau predict MODEL --data FILE.csv [--out preds.csv] [--deployed]}: a saved model's predictions for
 * the raw rows of a CSV file, read by column name (the model's input schema; other columns are
 * ignored), in the task's units. When the file has the target column(s), the task metric is printed.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict with a saved model from the raw rows of a CSV file.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a model saved by a study (results/<study>/models/<id>.zip), "
            + "an export folder, or its model.zip")
    Path model;

    @Option(names = "--deployed", description = "predict with the deployed integer form (integer weights; 8 bits per channel for a float model)")
    boolean deployed;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "raw rows with the model's feature columns (by name)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "where the predictions go (default: standard output)")
    Path out;

    @Option(names = "--force", description = "replace an existing --out file")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null && Files.exists(out) && !force)
            throw InputException.ofOption("--out", out + " exists", "choose another file, or add --force to replace it");
        Path zip = Files.isDirectory(model) ? model.resolve(ModelExport.ZIP) : model;
        DeployedModel m = DeployedModel.read(zip);
        if (deployed) m = m.asDeployed();
        OutputDomain domain = m.output();
        List<String> targets = domain.task() == Task.CLASSIFICATION ? List.of(domain.targetNames().get(0)) : domain.targetNames();
        boolean scored = CsvDatasetReader.header(data).containsAll(targets);
        Dataset rows = new CsvDatasetReader(data, m.input().features(), scored ? targets : List.of(),
                scored ? domain.task() : Task.REGRESSION, false).read();
        double[][] raw = new double[rows.rows()][rows.featureCount()];
        for (int r = 0; r < raw.length; r++)
            for (int j = 0; j < raw[r].length; j++) raw[r][j] = rows.features()[r * rows.featureCount() + j];
        double[][] predictions = m.predict(raw);
        var console = spec.commandLine().getOut();
        if (out == null) console.print(PredictionTable.text(domain, predictions));
        else PredictionTable.write(out, domain, predictions);
        if (scored) {
            TaskMetric metric = domain.metric();
            double value = metric.compute(flat(predictions), truth(rows, domain), rows.rows());
            spec.commandLine().getErr().printf(Locale.ROOT, "%s on %d rows of %s: %.6g%n", metric.label(), rows.rows(), data, value);
        }
        if (out != null) console.printf("written: %s (%d rows)%n", out, predictions.length);
        return 0;
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** The targets in original units; class labels as the model's class indices. */
    private double[] truth(Dataset rows, OutputDomain domain) {
        if (domain.task() != Task.CLASSIFICATION) return rows.targets().clone();
        double[] y = new double[rows.rows()];
        for (int r = 0; r < y.length; r++) {
            String label = rows.classLabels().get((int) rows.targets()[r]);
            int k = domain.classLabels().indexOf(label);
            if (k < 0) throw InputException.at(data, 0, domain.targetNames().get(0), "class '" + label + "' is not one the model knows "
                    + domain.classLabels(), "use rows of the classes the model was trained on");
            y[r] = k;
        }
        return y;
    }
}
