package dev.plateau.train;

import dev.plateau.data.ImageShape;
import dev.plateau.space.Task;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small Plateau networks in double precision, and seeded inputs, for finite-difference checks. */
final class TinyNets {
    private TinyNets() {}

    static final ImageShape IMAGE = new ImageShape(1, 6, 6);

    /** A CNN (conv 3×3×3 → pool → dense 5 → dense 4 → outputs) on 6×6 images, smooth activations. */
    static MultiLayerNetwork cnn(Task task, int outputs) {
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(3, 3)), List.of(5, 4), Activation.TANH, 1e-3, 8, 1);
        return NetworkFactory.build(spec, Architecture.of(spec, 36, IMAGE, outputs), task, 3).convertDataType(DataType.DOUBLE);
    }

    /** An MLP 4 → 6 → 5 → outputs with tanh. */
    static MultiLayerNetwork mlp(Task task, int outputs) {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(6, 5), Activation.TANH, 1e-3, 8, 1);
        return NetworkFactory.build(spec, Architecture.of(spec, 4, null, outputs), task, 5).convertDataType(DataType.DOUBLE);
    }

    static INDArray gaussian(long rows, long cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return Nd4j.createFromArray(v).reshape('c', rows, cols);
    }

    /** One-hot rows for classification, or Gaussian targets for regression. */
    static INDArray labels(Task task, int rows, int outputs, long seed) {
        if (task == Task.REGRESSION) return gaussian(rows, outputs, seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, outputs);
        for (int r = 0; r < rows; r++) y.putScalar(r, r % outputs, 1.0);
        return y;
    }
}
