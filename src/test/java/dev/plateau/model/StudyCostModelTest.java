package dev.plateau.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plateau.data.ImageShape;
import dev.plateau.space.Task;
import dev.plateau.model.Architecture.Kind;
import dev.plateau.model.Architecture.Step;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Regularization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost model against hand-computed layer arithmetic of the calorimeter study's networks
 * (calorimeter-racing-study.md §4): convolutions without biases, dense layers with.
 */
class StudyCostModelTest {

    static CandidateSpec studyCnn(boolean energyInput, int weightBits, int activationBits) {
        return new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(32, 3), new ConvLayerSpec(64, 3)), List.of(9), Activation.RELU,
                1e-4, 64, 1, weightBits, activationBits, true, Regularization.NONE, 0, energyInput, false);
    }

    @Test
    void preselectionCnnHas19315Parameters() {
        // 10x10 input: conv 1→32 → 8x8, pool → 4x4, conv 32→64 → 2x2, pool → 1x1 (64 features), dense 64→9, dense 9→1
        LayerShape in = new LayerShape(1, 10, 10);
        List<Step> steps = List.of(
                new Step(Kind.CONV, in, new LayerShape(32, 8, 8), 3, false),
                new Step(Kind.MAX_POOL, new LayerShape(32, 8, 8), new LayerShape(32, 4, 4), 2, false),
                new Step(Kind.CONV, new LayerShape(32, 4, 4), new LayerShape(64, 2, 2), 3, false),
                new Step(Kind.MAX_POOL, new LayerShape(64, 2, 2), new LayerShape(64, 1, 1), 2, false),
                new Step(Kind.DENSE, LayerShape.vector(64), LayerShape.vector(9), 0, true),
                new Step(Kind.OUTPUT, LayerShape.vector(9), LayerShape.vector(1), 0, true));
        Resources r = new Architecture(steps, in, 1, 8, 6).resources();
        assertEquals(288 + 18_432 + 585 + 10, r.params());
        assertEquals(19_315, r.params());
        long macs = 288L * 64 + 18_432L * 4 + 64 * 9 + 9;
        assertEquals(macs, r.macs());
        assertEquals(19_315L * 8, r.weightBits(), "weight memory Σ params × b_w");
        assertEquals(macs * 8 * 6, r.bops(), "BOPs Σ MACs × b_w × b_a");
    }

    @Test
    void model1Has23923ParametersAndDl4jAgrees() {
        // 12x12 input: conv → 10x10, pool → 5x5, conv → 3x3 (too small to pool), 576 features → dense 9 → 1
        CandidateSpec spec = studyCnn(false, 32, 32);
        Architecture arch = Architecture.of(spec, 144, new ImageShape(1, 12, 12), 1);
        Resources r = arch.resources();
        assertEquals(288 + 18_432 + 5_193 + 10, r.params());
        assertEquals(23_923, r.params());
        assertEquals(288L * 100 + 18_432L * 9 + 576 * 9 + 9, r.macs());
        assertEquals(23_923, NetworkFactory.build(spec, arch, Task.REGRESSION, 3).numParams(), "DL4J builds the same network");
        assertEquals(23_923L * 32, r.weightBits());
    }

    @Test
    void model2TakesTheTotalEnergyAtItsFirstDenseLayer() {
        Resources m1 = Architecture.of(studyCnn(false, 4, 8), 144, new ImageShape(1, 12, 12), 1).resources();
        Resources m2 = Architecture.of(studyCnn(true, 4, 8), 144, new ImageShape(1, 12, 12), 1).resources();
        assertEquals(23_932, m2.params(), "577 inputs to the first dense layer: 5,202 parameters there");
        assertEquals(m1.macs() + 9, m2.macs());
        assertEquals(23_932L * 4, m2.weightBits());
        assertEquals(m2.macs() * 4 * 8, m2.bops());
    }

    @Test
    void model2IsBuiltWithTheTotalEnergyBesideTheFeatureMaps() {
        CandidateSpec spec = studyCnn(true, 32, 32);
        Architecture arch = Architecture.of(spec, 144, new ImageShape(1, 12, 12), 1);
        for (boolean fast : new boolean[] {true, false}) {
            var net = NetworkFactory.build(spec, arch, Task.REGRESSION, 3, fast);
            assertEquals(23_932, net.numParams(), "DL4J builds Model 2");
            assertEquals(145, NetworkFactory.inputWidth(net), "144 cells and the total energy per row");
            var x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 145);
            var before = net.output(x).dup();
            x.getColumn(144).addi(3);
            var after = net.output(x);
            // the energy reaches the output through the first dense layer's extra weights only
            var w = net.getLayer(3).getParam("W");
            assertEquals(577, w.size(0));
            assertEquals(true, before.sub(after).amaxNumber().doubleValue() > 0, "the output depends on the energy input");
            net.fit(new org.nd4j.linalg.dataset.DataSet(x, org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 1)));
        }
    }

    @Test
    void energyInputOnAnMlpWidensItsInputAndDl4jAgrees() {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 1e-3, 64, 1, 32, 32, true,
                Regularization.NONE, 0, true, true);
        Architecture arch = Architecture.of(spec, 225, new ImageShape(1, 15, 15), 1);
        assertEquals(226 * 16 + 16 + 17, arch.resources().params());
        assertEquals(226, arch.input().size());
        assertEquals(arch.resources().params(), NetworkFactory.build(spec, arch, Task.REGRESSION, 3).numParams());
    }
}
