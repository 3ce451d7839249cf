package dev.plateau.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import dev.plateau.landscape.LossSurface;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.Regularization;
import dev.plateau.space.Task;
import dev.plateau.train.TaskLoss;
import dev.plateau.train.Trainer;
import dev.plateau.train.TrainingStep;
import io.jhdf.HdfFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event weights: an integer weight counts exactly as that many copies of the row — in the metric, the
 * loss, the loss gradient the proxies differentiate, and the AUC — and a weight of 0 takes a row out
 * of training; balanced class weights give every class the same total; weights come from an HDF5
 * dataset and a bad one is a one-line error.
 */
class EventWeightsTest {
    static final int N = 60;

    @TempDir
    Path dir;

    /** A small regression table, its rows weighted 0..3, and the same rows repeated by their weights. */
    static Dataset[] weightedAndRepeated(Task task) {
        SplittableRandom rng = new SplittableRandom(4);
        float[] x = new float[N * 2];
        double[] y = new double[N], w = new double[N];
        for (int i = 0; i < N; i++) {
            x[2 * i] = (float) rng.nextGaussian();
            x[2 * i + 1] = (float) rng.nextGaussian();
            y[i] = task == Task.CLASSIFICATION ? (x[2 * i] > 0 ? 1 : 0) : 2 * x[2 * i] - x[2 * i + 1] + 0.3 * rng.nextGaussian();
            w[i] = i % 4;
        }
        List<String> classes = task == Task.CLASSIFICATION ? List.of("a", "b") : List.of();
        Dataset weighted = new Dataset("w", task, List.of("a", "b"), List.of("y"), classes, null, N, x, y, w);
        List<Integer> copies = new ArrayList<>();
        for (int i = 0; i < N; i++) for (int k = 0; k < w[i]; k++) copies.add(i);
        return new Dataset[] {weighted, weighted.withWeights(null).select(copies.stream().mapToInt(Integer::intValue).toArray())};
    }

    static double[] outputs(Dataset d, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[d.rows() * width];
        for (int i = 0; i < out.length; i++) out[i] = rng.nextDouble();
        return out;
    }

    @Test
    void anIntegerWeightCountsAsThatManyCopies() {
        Dataset[] r = weightedAndRepeated(Task.REGRESSION);
        int[] rows = IntStreamOfCopies.of(r[0]);
        double[] out = outputs(r[0], 1, 9), repeated = new double[rows.length];
        for (int i = 0; i < rows.length; i++) repeated[i] = out[rows[i]];
        assertEquals(TaskMetric.RMSE.compute(repeated, r[1].targets(), r[1].rows()), TaskMetric.RMSE.compute(out, r[0].targets(), N, r[0].weights()), 1e-12);
        assertEquals(TaskLoss.of(Task.REGRESSION, repeated, r[1].targets(), r[1].rows()),
                TaskLoss.of(Task.REGRESSION, out, r[0].targets(), N, r[0].weights()), 1e-12);

        Dataset[] c = weightedAndRepeated(Task.CLASSIFICATION);
        double[] scores = outputs(c[0], 2, 10), repeatedScores = new double[rows.length * 2];
        for (int i = 0; i < rows.length; i++) System.arraycopy(scores, 2 * rows[i], repeatedScores, 2 * i, 2);
        assertEquals(TaskMetric.ACCURACY.compute(repeatedScores, c[1].targets(), c[1].rows()),
                TaskMetric.ACCURACY.compute(scores, c[0].targets(), N, c[0].weights()), 1e-12);
        assertEquals(ClassScores.auc(repeatedScores, c[1].targets(), c[1].rows(), null), ClassScores.auc(scores, c[0].targets(), N, c[0].weights()), 1e-12);
        assertEquals(ClassScores.balancedAccuracy(repeatedScores, c[1].targets(), c[1].rows(), null),
                ClassScores.balancedAccuracy(scores, c[0].targets(), N, c[0].weights()), 1e-12);
    }

    /** The row index of every copy, in order. */
    static final class IntStreamOfCopies {
        static int[] of(Dataset weighted) {
            List<Integer> copies = new ArrayList<>();
            for (int i = 0; i < weighted.rows(); i++) for (int k = 0; k < weighted.weights()[i]; k++) copies.add(i);
            return copies.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Test
    void theProxiesDifferentiateTheWeightedLoss() {
        Dataset[] r = weightedAndRepeated(Task.REGRESSION);
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(6), Activation.TANH, 1e-2, 16, 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 2, null, 1), Task.REGRESSION, 3);
        var weighted = new LossSurface(net, r[0]).gradient(new LossSurface(net, r[0]).weights());
        var repeated = new LossSurface(net, r[1]).gradient(new LossSurface(net, r[1]).weights());
        assertArrayEquals(repeated.toDoubleVector(), weighted.toDoubleVector(), 1e-9, "mean gradient over the copies");
        assertEquals(new LossSurface(net, r[1]).loss(new LossSurface(net, r[1]).weights()),
                new LossSurface(net, r[0]).loss(new LossSurface(net, r[0]).weights()), 1e-9);
    }

    @Test
    void aZeroWeightTakesARowOutOfTraining() {
        // half the training rows are poison (targets of +-20) with weight 0: weighted training ignores them
        SplittableRandom rng = new SplittableRandom(8);
        int n = 800;
        float[] x = new float[n * 2];
        double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) rng.nextGaussian();
            x[2 * i + 1] = (float) rng.nextGaussian();
            boolean poison = i % 2 == 1 && i < 600;
            y[i] = poison ? (rng.nextBoolean() ? 20 : -20) : 2 * x[2 * i] - x[2 * i + 1];
            w[i] = poison ? 0 : 1;
        }
        Dataset all = new Dataset("p", Task.REGRESSION, List.of("a", "b"), List.of("y"), List.of(), null, n, x, y, w);
        int[] trainRows = java.util.stream.IntStream.range(0, 600).toArray(), valRows = java.util.stream.IntStream.range(600, n).toArray();
        for (boolean customStep : new boolean[] {false, true}) {
            double[] rmse = new double[2];
            for (int weighted = 0; weighted < 2; weighted++) {
                Dataset train = weighted == 1 ? all.select(trainRows) : all.select(trainRows).withWeights(null);
                PreparedData data = new PreparedData(train, all.select(valRows), all.select(valRows), TaskMetric.RMSE,
                        new double[] {0, 0}, new double[] {1, 1}, new double[] {0}, new double[] {1});
                CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 1e-2, 32, 1);
                MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 2, null, 1), Task.REGRESSION, 5);
                Regularization noise = new Regularization(0, 0, 0, 0, false, 0.01, 0, 0, dev.plateau.space.Sharpness.NONE, 0);
                Trainer.train(net, data, 32, 30, 7, null, null, customStep
                        ? new TrainingStep(net, noise, 1e-2, NoiseGeometry.MULTIPLICATIVE, new SplittableRandom(1))::fit : Trainer.plain(net));
                double[] out = dev.plateau.train.Predictions.of(net, data.validation());
                rmse[weighted] = TaskMetric.RMSE.compute(out, data.validation().targets(), data.validation().rows());
            }
            assertTrue(rmse[1] < 0.5 && rmse[0] > 2 * rmse[1], (customStep ? "custom step" : "plain fit") + ": weighted " + rmse[1] + ", unweighted " + rmse[0]);
        }
    }

    @Test
    void balancedClassWeightsGiveEveryClassTheSameTotal() {
        double[] y = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2}, w = {1, 1, 1, 1, 1, 1, 1, 1, 2, 2};
        Dataset d = new Dataset("c", Task.CLASSIFICATION, List.of("a"), List.of("y"), List.of("p", "q", "r"), null, 10, new float[10], y, w);
        double[] balanced = EventWeights.balanced(d);
        double[] total = new double[3];
        for (int i = 0; i < 10; i++) total[(int) y[i]] += balanced[i];
        assertArrayEquals(new double[] {4, 4, 4}, total, 1e-12, "12 in all, a third each");
        assertEquals(balanced[8], balanced[9], 0.0);
    }

    @Test
    void weightsFromAnHdf5DatasetAndOneLineWhenTheyAreBad() throws Exception {
        Path file = dir.resolve("weighted.h5");
        try (var out = HdfFile.write(file)) {
            out.putDataset("cells", new double[][] {{1, 2}, {3, 4}, {5, 6}});
            out.putDataset("energy", new double[] {1, 2, 3});
            out.putDataset("w", new double[] {0.5, 2, 1});
            out.putDataset("bad", new double[] {0.5, -1, 1});
        }
        Dataset d = new Hdf5DatasetReader(file, List.of("cells"), "energy", Task.REGRESSION, true, "w").read();
        assertArrayEquals(new double[] {0.5, 2, 1}, d.weights());
        assertEquals(2, d.featureCount(), "the weights are not a feature");
        String bad = assertThrows(InputException.class, () -> new Hdf5DatasetReader(file, List.of("cells"), "energy", Task.REGRESSION, true, "bad").read())
                .getMessage();
        assertTrue(bad.contains("event weight -1.0 of sample 1") && bad.contains("dataset.weights"), bad);
        assertEquals(1, bad.lines().count());
    }

    @Test
    void aWeightedClassifierStudyEndToEnd() throws Exception {
        // an event number, a weight column and 3 unequal classes; weights and class balance reach the search
        StringBuilder csv = new StringBuilder("event,x1,x2,w,label\n");
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 400; i++) {
            int c = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2;
            csv.append(i).append(',').append(c + 0.8 * rng.nextGaussian()).append(',').append(rng.nextGaussian()).append(',')
                    .append(0.5 + rng.nextDouble()).append(',').append("c").append(c).append('\n');
        }
        Path table = dir.resolve("events.csv");
        java.nio.file.Files.writeString(table, csv);
        Path space = dir.resolve("space.yaml");
        java.nio.file.Files.writeString(space, """
                study: {name: weighted, seed: 3}
                dataset:
                  csv: {path: events.csv, features: [x1, x2], targets: [label], task: classification}
                  weights: w
                  class_weights: balanced
                architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [8]}
                training: {learning_rates: [0.01], batch_sizes: [32], epochs: [5]}
                search: {population: 2, generations: 2, objectives: [{name: val_loss}, {name: macs}]}
                """);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = dev.plateau.cli.PlateauCommand.execute(new String[] {"search", space.toString(), "--out", dir.resolve("study").toString(),
                "--max-restarts", "0", "--verify", "off"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(java.nio.file.Files.newBufferedReader(dir.resolve("study/candidates.csv"))).getRecords();
        double balanced = Double.parseDouble(rows.get(0).get("val_balanced_accuracy")), auc = Double.parseDouble(rows.get(0).get("val_auc"));
        assertTrue(balanced > 0.4 && balanced <= 1 && auc > 0.6 && auc <= 1, "balanced accuracy " + balanced + ", AUC " + auc);

        Dataset read = new CsvDatasetReader(table, List.of(), List.of("label"), Task.CLASSIFICATION,
                dev.plateau.space.MissingValues.STRICT, "w").read();
        assertEquals(List.of("event", "x1", "x2"), read.featureNames(), "the weight column is never a feature");
        java.nio.file.Files.writeString(table, csv.toString().replaceFirst("\n3,([^,]*),([^,]*),[^,]*,", "\n3,$1,$2,-2,"));
        String bad = assertThrows(InputException.class, () -> new CsvDatasetReader(table, List.of(), List.of("label"), Task.CLASSIFICATION,
                dev.plateau.space.MissingValues.STRICT, "w").read()).getMessage();
        assertTrue(bad.contains(":5") && bad.contains("event weight '-2'"), bad);
    }

    @Test
    void weightsSurviveImputationAndTheSplit() throws Exception {
        StringBuilder csv = new StringBuilder("x,w,y\n");
        double total = 0;
        for (int i = 0; i < 40; i++) {
            double w = 1 + i % 3;
            total += w;
            csv.append(i % 5 == 0 ? "" : Integer.toString(i)).append(',').append(w).append(',').append(2 * i).append('\n');
        }
        Path file = dir.resolve("gaps.csv");
        java.nio.file.Files.writeString(file, csv);
        Dataset raw = new CsvDatasetReader(file, List.of("x"), List.of("y"), Task.REGRESSION,
                dev.plateau.space.MissingValues.of(dev.plateau.space.MissingPolicy.IMPUTE_MEDIAN), "w").read();
        PreparedData data = PreparedData.split(raw, 0.25, 0.25, 3, TaskMetric.RMSE);
        double sum = 0;
        for (Dataset part : List.of(data.train(), data.validation(), data.test())) {
            assertTrue(part.weights() != null, "weights kept through imputation");
            for (int r = 0; r < part.rows(); r++) {
                sum += part.weight(r);
                assertTrue(Float.isFinite(part.feature(r, 0)), "imputed");
            }
        }
        assertEquals(total, sum, 1e-12);
    }
}
