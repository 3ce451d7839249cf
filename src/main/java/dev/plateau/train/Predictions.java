package dev.plateau.train;

import dev.plateau.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Network outputs for a whole data set, computed in bounded chunks. */
public final class Predictions {
    private static final int CHUNK = 2048;

    private Predictions() {}

    /** rows × outputs, in the network's own precision widened to double. */
    public static double[] of(MultiLayerNetwork net, Dataset d) {
        int outputs = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
        double[] all = new double[d.rows() * outputs];
        for (int from = 0; from < d.rows(); from += CHUNK) {
            int to = Math.min(d.rows(), from + CHUNK);
            INDArray out = net.output(Batches.features(d, from, to, net.getLayerWiseConfigurations().getDataType()), false);
            double[] chunk = out.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).ravel().toDoubleVector();
            System.arraycopy(chunk, 0, all, from * outputs, chunk.length);
        }
        return all;
    }
}
