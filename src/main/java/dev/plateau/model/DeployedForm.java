package dev.plateau.model;

import dev.plateau.space.Task;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Regularization;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network as it is deployed: batch norm folded into the layer before it and dropout gone. Every
 * judgement of a trained candidate — metrics, proxies, noise tests, integer export, the saved model —
 * is made on this form, so training-only machinery (batch statistics, dropout masks) never leaks into a
 * loss surface. Folding per output unit c, with s_c = γ_c / √(σ²_c + ε):
 * W'[·, c] = s_c·W[·, c] and b'_c = s_c·(b_c − μ_c) + β_c. A quantised candidate's folded kernels are
 * quantised again at its bit width (the deployed integers are those of the folded kernels).
 */
public final class DeployedForm {
    private DeployedForm() {}

    public static MultiLayerNetwork of(MultiLayerNetwork trained, CandidateSpec spec, Architecture arch, Task task) {
        Regularization r = spec.regularization();
        if (!r.changesDeployedForm()) return trained;
        CandidateSpec plain = new CandidateSpec(spec.family(), spec.convLayers(), spec.denseWidths(), spec.activation(), spec.learningRate(),
                spec.batchSize(), spec.epochs(), spec.weightBits(), spec.activationBits(), spec.perChannel(), Regularization.NONE,
                spec.trainingSamples(), spec.energyInput(), spec.convBias() || r.batchNorm(), spec.powerOfTwoScales());
        Architecture plainArch = r.batchNorm() ? Architecture.withBiases(arch) : arch;
        MultiLayerNetwork deployed = NetworkFactory.build(plain, plainArch, task, 1);
        Layer[] from = trained.getLayers(), to = deployed.getLayers();
        int d = 0;
        for (Layer layer : from) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
                fold(to[d - 1], bn);
                continue;
            }
            if (layer instanceof org.deeplearning4j.nn.layers.ActivationLayer) continue;
            for (var e : layer.paramTable().entrySet()) to[d].getParam(e.getKey()).assign(e.getValue());
            d++;
        }
        return deployed;
    }

    private static void fold(Layer target, org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getEps();
        double[] gamma = bn.getParam("gamma").toDoubleVector(), beta = bn.getParam("beta").toDoubleVector();
        double[] mean = bn.getParam("mean").toDoubleVector(), var = bn.getParam("var").toDoubleVector();
        int units = gamma.length;
        double[] s = new double[units];
        for (int c = 0; c < units; c++) s[c] = gamma[c] / Math.sqrt(var[c] + eps);
        INDArray w = target.getParam("W");
        double[] v = w.dup('c').ravel().toDoubleVector();
        boolean dense = w.rank() == 2;
        int per = v.length / units;
        for (int i = 0; i < v.length; i++) v[i] *= s[dense ? i % units : i / per];
        w.assign(Nd4j.createFromArray(v).reshape('c', w.shape()).castTo(w.dataType()));
        INDArray b = target.getParam("b");
        double[] bias = b.toDoubleVector();
        for (int c = 0; c < units; c++) bias[c] = s[c] * (bias[c] - mean[c]) + beta[c];
        b.assign(Nd4j.createFromArray(bias).reshape(b.shape()).castTo(b.dataType()));
    }
}
