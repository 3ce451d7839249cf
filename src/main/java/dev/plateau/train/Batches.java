package dev.plateau.train;

import dev.plateau.data.Dataset;
import dev.plateau.space.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Turns rows of a {@link Dataset} into ND4J arrays: features as given, labels one-hot for classes. */
public final class Batches {
    private Batches() {}

    public static INDArray features(Dataset d, int from, int to, DataType type) {
        int f = d.featureCount();
        float[] slice = java.util.Arrays.copyOfRange(d.features(), from * f, to * f);
        INDArray x = Nd4j.create(slice, new long[] {to - from, f}, 'c');
        return type == DataType.FLOAT ? x : x.castTo(type);
    }

    public static INDArray labels(Dataset d, int from, int to, int outputs, DataType type) {
        int n = to - from;
        double[] y = new double[n * outputs];
        if (d.task() == Task.CLASSIFICATION) {
            for (int i = 0; i < n; i++) y[i * outputs + (int) d.target(from + i, 0)] = 1.0;
        } else System.arraycopy(d.targets(), from * outputs, y, 0, n * outputs);
        return Nd4j.createFromArray(y).reshape(n, outputs).castTo(type);
    }

    public static DataSet of(Dataset d, int from, int to, int outputs) {
        return new DataSet(features(d, from, to, DataType.FLOAT), labels(d, from, to, outputs, DataType.FLOAT));
    }
}
