package dev.plateau.train;

import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Minibatch training with a per-epoch shuffle drawn from the instance's sample seed. A non-finite
 * loss ends training as a failure (divergence is a property of the candidate, not an error of the
 * study).
 */
public final class Trainer {
    private Trainer() {}

    /** Decides after each epoch, from the validation loss, whether training goes on. */
    @FunctionalInterface
    public interface EpochMonitor {
        /** @return null to go on, or the reason to stop (the run ends as that failure) */
        String afterEpoch(int epochsDone, double validationLoss);
    }

    /** One minibatch update; returns the batch's data loss. */
    @FunctionalInterface
    public interface Step {
        double fit(DataSet batch);
    }

    /** DL4J's own update, for networks without regularizers that need {@link TrainingStep}. */
    public static Step plain(MultiLayerNetwork net) {
        return batch -> {
            net.fit(batch);
            return net.score();
        };
    }

    /** Trains with DL4J's own update and without a time limit. */
    public static TrainingRun train(MultiLayerNetwork net, PreparedData data, int batchSize, int epochs, long sampleSeed) {
        return train(net, data, batchSize, epochs, sampleSeed, null, null, plain(net));
    }

    /**
     * @param timeLimit wall time after which training stops as a failure ("timeout"), checked after
     *                  every minibatch; null for none
     * @param monitor   consulted after every epoch but the last with the validation loss; null for none
     * @param step      how one minibatch updates the network
     */
    public static TrainingRun train(MultiLayerNetwork net, PreparedData data, int batchSize, int epochs, long sampleSeed,
                                    java.time.Duration timeLimit, EpochMonitor monitor, Step step) {
        long start = System.nanoTime();
        long deadline = timeLimit == null ? Long.MAX_VALUE : start + timeLimit.toNanos();
        Dataset train = data.train();
        int outputs = data.train().task() == dev.plateau.space.Task.CLASSIFICATION
                ? train.classLabels().size() : train.targetCount();
        SplittableRandom shuffle = new SplittableRandom(sampleSeed);
        double lastLoss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            // event weights: each epoch draws its rows with probability proportional to their weight (DL4J's label
            // masks select rows, they do not weigh them), an unbiased stand-in for the weighted loss with any step
            Dataset shuffled = train.weights() == null ? train.select(PreparedData.permutation(train.rows(), shuffle.nextLong()))
                    : dev.plateau.data.EventWeights.resample(train, train.rows(), shuffle.nextLong());
            double lossSum = 0;
            int seen = 0;
            for (int from = 0; from < shuffled.rows(); from += batchSize) {
                int to = Math.min(shuffled.rows(), from + batchSize);
                DataSet batch = Batches.of(shuffled, from, to, outputs);
                double loss = step.fit(batch);
                if (!Double.isFinite(loss))
                    return new TrainingRun(loss, epoch, seconds(start), "diverged: loss " + loss + " in epoch " + (epoch + 1));
                if (System.nanoTime() > deadline)
                    return new TrainingRun(loss, epoch, seconds(start), "timeout: training took longer than "
                            + timeLimit.toSeconds() + " s (--candidate-timeout)");
                lossSum += loss * (to - from);
                seen += to - from;
            }
            lastLoss = lossSum / seen;
            if (monitor != null && epoch + 1 < epochs) {
                double[] out = Predictions.of(net, data.validation());
                String stop = monitor.afterEpoch(epoch + 1, TaskLoss.of(train.task(), out, data.validation().targets(), data.validation().rows(),
                        data.validation().weights()));
                if (stop != null) return new TrainingRun(lastLoss, epoch + 1, seconds(start), stop, true);
            }
        }
        if (!net.params().isInfinite().any() && !net.params().isNaN().any())
            return new TrainingRun(lastLoss, epochs, seconds(start), null);
        return new TrainingRun(lastLoss, epochs, seconds(start), "diverged: non-finite weights");
    }

    private static double seconds(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
}
