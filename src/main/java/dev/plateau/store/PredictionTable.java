package dev.plateau.store;

import dev.plateau.data.OutputDomain;
import dev.plateau.space.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployed model's predictions as a table, one row per input row: for regression one column per
 * target, {@code <target>_predicted}, in the target's units; for classification one probability per
 * class, {@code p_<label>}, and {@code predicted_class}.
 */
public final class PredictionTable {
    private PredictionTable() {}

    private static List<String> header(OutputDomain domain) {
        List<String> header = new ArrayList<>();
        if (domain.task() == Task.CLASSIFICATION) {
            for (String label : domain.classLabels()) header.add("p_" + label);
            header.add("predicted_class");
        } else for (String target : domain.targetNames()) header.add(target + "_predicted");
        return header;
    }

    private static List<List<String>> rows(OutputDomain domain, double[][] predictions) {
        List<List<String>> rows = new ArrayList<>();
        for (double[] p : predictions) {
            List<String> row = new ArrayList<>();
            for (double v : p) row.add(Csv.num(v));
            if (domain.task() == Task.CLASSIFICATION) {
                int best = 0;
                for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
                row.add(domain.classLabels().get(best));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Written atomically to {@code file}. */
    public static void write(Path file, OutputDomain domain, double[][] predictions) throws IOException {
        Csv.write(file, header(domain), rows(domain, predictions));
    }

    /** As CSV text (for standard output). */
    public static String text(OutputDomain domain, double[][] predictions) { return Csv.text(header(domain), rows(domain, predictions)); }
}
