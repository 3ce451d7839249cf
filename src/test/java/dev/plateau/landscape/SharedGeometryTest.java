package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.plateau.data.Dataset;
import dev.plateau.model.Architecture;
import dev.plateau.model.KernelNoise;
import dev.plateau.model.NetworkFactory;
import dev.plateau.model.ParamBlock;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.Task;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Proxies, full noise testing and noise-injection training disturb the same parameters in the same geometry. */
class SharedGeometryTest {
    static MultiLayerNetwork net() {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(6, 5), Activation.RELU, 1e-2, 16, 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 4, null, 1), Task.REGRESSION, 7);
        net.params().addi(0.1);  // biases start at 0: give them a value noise could move
        return net;
    }

    @Test
    void theProxiesScaleIsTheNoiseTestsScaleOnKernelsAndZeroElsewhere() {
        MultiLayerNetwork net = net();
        Dataset rows = new Dataset("x", Task.REGRESSION, List.of("a", "b", "c", "d"), List.of("y"), List.of(), null, 2, new float[8], new double[2]);
        LossSurface surface = new LossSurface(net, rows);
        double[] w = surface.weights().toDoubleVector();
        for (NoiseGeometry g : NoiseGeometry.values()) {
            double[] s = surface.scale(g).toDoubleVector();
            for (ParamBlock b : surface.blocks()) {
                double[] own = java.util.Arrays.copyOfRange(w, b.offset(), b.offset() + b.length());
                double[] expected = b.weight() ? KernelNoise.scale(own, g) : new double[b.length()];
                for (int i = 0; i < b.length(); i++)
                    assertEquals(expected[i], s[b.offset() + i], 0.0, g + " " + b.key() + " of layer " + b.layer());
            }
        }
    }

    @Test
    void injectedAndTestedNoiseMovesKernelsOnlyInTheirGeometry() {
        MultiLayerNetwork net = net();
        double[] before = net.params().toDoubleVector();
        List<ParamBlock> blocks = ParamBlock.of(net);
        KernelNoise.perturb(net, 0.5, NoiseGeometry.MULTIPLICATIVE, new SplittableRandom(3));
        double[] after = net.params().toDoubleVector();
        for (ParamBlock b : blocks)
            for (int i = b.offset(); i < b.offset() + b.length(); i++)
                if (b.weight()) assertNotEquals(before[i], after[i], "kernel element moved");
                else assertEquals(before[i], after[i], 0.0, "biases stay clean");
        assertEquals(List.of(4.0, 0.0), List.of(KernelNoise.scale(new double[] {1, 5}, NoiseGeometry.LAYER_RANGE)[0],
                KernelNoise.scale(new double[] {0, 3}, NoiseGeometry.MULTIPLICATIVE)[0]), "range, and a zero weight stays zero");
    }
}
