package dev.plateau.bench;

import dev.plateau.data.Dataset;
import dev.plateau.data.ImageShape;
import dev.plateau.data.PreparedData;
import dev.plateau.space.Task;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.Architecture;
import dev.plateau.model.Architecture.Kind;
import dev.plateau.model.Architecture.Step;
import dev.plateau.model.LayerShape;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Training throughput of the two reference models of issue #3 on synthetic data, by the search's own
 * code path (NetworkFactory, Trainer: per-epoch shuffle, minibatches from Java arrays, Adam, batch
 * 256): the median samples per second over the epochs after the first (warm-up), summed over networks
 * trained at once, one per Java thread. {@code src/bench/torch_reference.py} measures the same for
 * PyTorch ({@code plateau bench train}).
 */
public final class TrainingThroughput {
    private static final int BATCH = 256;

    /** The reference models' names. */
    public static final List<String> MODELS = List.of("calo_cnn", "mlp");

    /** One model's throughput: samples per second (all networks together) and the training GFLOP/s that is. */
    public record Measurement(String model, int concurrent, boolean stockLayers, double samplesPerSecond, double gflops) {}

    /** A reference model: its network, data and training FLOPs per sample. */
    record Reference(String name, CandidateSpec spec, Architecture architecture, Dataset data, Task task) {
        /** Multiply–adds of a training step per sample: forward, weight gradient and input gradient. */
        double trainingFlopsPerSample() { return 3 * 2.0 * architecture.resources().macs(); }
    }

    private TrainingThroughput() {}

    /**
     * @param concurrent  networks trained at once
     * @param epochs      epochs per network, the first a warm-up (at least 2)
     * @param stockLayers DL4J's stock convolution, pooling and dense layers instead of Plateau's
     */
    public static Measurement measure(String model, int concurrent, int epochs, boolean stockLayers) throws Exception {
        if (epochs < 2) throw new IllegalArgumentException("needs a warm-up epoch and a measured one, got " + epochs);
        Reference ref = reference(model);
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                long seed = 11 + i;
                runs.add(pool.submit(() -> epochRates(ref, seed, epochs, stockLayers)));
            }
            double total = 0;
            for (Future<double[]> f : runs) total += median(f.get());
            return new Measurement(model, concurrent, stockLayers, total, total * ref.trainingFlopsPerSample() / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Samples per second of each epoch after the first. */
    private static double[] epochRates(Reference ref, long seed, int epochs, boolean stock) {
        MultiLayerNetwork net = NetworkFactory.build(ref.spec(), ref.architecture(), ref.task(), seed, !stock);
        double[] unscaled = new double[ref.data().featureCount()];
        java.util.Arrays.fill(unscaled, 1.0);
        PreparedData data = new PreparedData(ref.data(), ref.data().head(1), ref.data().head(0),
                ref.task() == Task.CLASSIFICATION ? TaskMetric.ACCURACY : TaskMetric.RMSE, new double[unscaled.length], unscaled,
                new double[] {0}, new double[] {1});
        long[] ends = new long[epochs + 1];
        ends[0] = System.nanoTime();
        Trainer.train(net, data, BATCH, epochs, seed, null, (done, loss) -> {
            ends[done] = System.nanoTime();
            return null;
        }, Trainer.plain(net));
        ends[epochs] = System.nanoTime();
        double[] rates = new double[epochs - 1];
        for (int e = 1; e < epochs; e++) rates[e - 1] = ref.data().rows() / ((ends[e + 1] - ends[e]) / 1e9);
        return rates;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * calo_cnn: 1×15×15 → conv 3×3×16 ReLU → conv 3×3×32 ReLU → max-pool 2 → dense 20 ReLU → 1 (MSE),
     * 20,000 samples; mlp: 16 → 64 → 32 → 32 → 5 softmax, ReLU, 200,000 samples. Adam 1e-3, batch 256.
     */
    static Reference reference(String name) {
        SplittableRandom rng = new SplittableRandom(1);
        return switch (name) {
            case "calo_cnn" -> {
                int rows = 20_000;
                float[] x = new float[rows * 225];
                double[] y = new double[rows];
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    for (int j = 0; j < 225; j++) sum += x[r * 225 + j] = (float) rng.nextDouble();
                    y[r] = sum / 50;
                }
                List<String> cells = new ArrayList<>();
                for (int j = 0; j < 225; j++) cells.add("cell" + j);
                Dataset d = new Dataset("calo_cnn", Task.REGRESSION, cells, List.of("y"), List.of(), new ImageShape(1, 15, 15), rows, x, y);
                CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(16, 3), new ConvLayerSpec(32, 3)), List.of(20),
                        Activation.RELU, 1e-3, BATCH, 1);
                LayerShape in = new LayerShape(1, 15, 15), c1 = new LayerShape(16, 13, 13), c2 = new LayerShape(32, 11, 11), p = new LayerShape(32, 5, 5);
                // the pool sits after the second convolution only, unlike Architecture.of's rule
                Architecture arch = new Architecture(List.of(new Step(Kind.CONV, in, c1, 3, true), new Step(Kind.CONV, c1, c2, 3, true),
                        new Step(Kind.MAX_POOL, c2, p, 2, false), new Step(Kind.DENSE, LayerShape.vector(800), LayerShape.vector(20), 0, true),
                        new Step(Kind.OUTPUT, LayerShape.vector(20), LayerShape.vector(1), 0, true)), in, 1, 32, 32);
                yield new Reference(name, spec, arch, d, Task.REGRESSION);
            }
            case "mlp" -> {
                int rows = 200_000;
                float[] x = new float[rows * 16];
                double[] y = new double[rows];
                for (int r = 0; r < rows; r++) {
                    int best = 0;
                    for (int j = 0; j < 16; j++) {
                        x[r * 16 + j] = (float) rng.nextGaussian();
                        if (j < 5 && x[r * 16 + j] > x[r * 16 + best]) best = j;
                    }
                    y[r] = best;
                }
                List<String> features = new ArrayList<>();
                for (int j = 0; j < 16; j++) features.add("x" + j);
                Dataset d = new Dataset("mlp", Task.CLASSIFICATION, features, List.of("class"), List.of("0", "1", "2", "3", "4"), null, rows, x, y);
                CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(64, 32, 32), Activation.RELU, 1e-3, BATCH, 1);
                yield new Reference(name, spec, Architecture.of(spec, 16, null, 5), d, Task.CLASSIFICATION);
            }
            default -> throw new IllegalArgumentException("'" + name + "' is not a reference model; use " + String.join(", ", MODELS));
        };
    }
}
