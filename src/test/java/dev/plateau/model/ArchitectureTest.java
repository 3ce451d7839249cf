package dev.plateau.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.plateau.data.ImageShape;
import dev.plateau.space.Task;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    static final ImageShape CALO = new ImageShape(1, 15, 15);

    @Test
    void cnnLayerArithmeticByHand() {
        // 1x15x15 -> conv 3x3x8 -> 13x13x8 -> pool -> 6x6x8 -> conv 3x3x16 -> 4x4x16 -> pool -> 2x2x16 -> dense 16 -> 1
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(8, 3), new ConvLayerSpec(16, 3)),
                List.of(16), Activation.RELU, 1e-3, 64, 1);
        Resources r = Architecture.of(spec, 225, CALO, 1).resources();
        long params = (9 * 8 + 8) + (9 * 8 * 16 + 16) + (64 * 16 + 16) + (16 + 1);
        long macs = 9L * 8 * 13 * 13 + 9L * 8 * 16 * 4 * 4 + 64 * 16 + 16;
        assertEquals(params, r.params());
        assertEquals(macs, r.macs());
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 225, CALO, 1), Task.REGRESSION, 7);
        assertEquals(params, net.numParams(), "DL4J agrees with the cost model");
        assertEquals(1, net.output(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 225)).size(1));
    }

    @Test
    void mlpLayerArithmeticMatchesDl4j() {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(64, 32, 32), Activation.TANH, 1e-3, 64, 1);
        Architecture arch = Architecture.of(spec, 16, null, 5);
        assertEquals(4389, arch.resources().params(), "the dl4j-notes MLP 16-64-32-32-5 has 4,389 parameters");
        assertEquals(16 * 64 + 64 * 32 + 32 * 32 + 32 * 5, arch.resources().macs());
        assertEquals(4389, NetworkFactory.build(spec, arch, Task.CLASSIFICATION, 3).numParams());
    }

    @Test
    void poolingStopsWhenTheMapIsSmall() {
        // 15 -> conv 5 -> 11 -> pool 5 -> conv 5 -> 1 (no pool)
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 5), new ConvLayerSpec(4, 5)),
                List.of(8), Activation.RELU, 1e-3, 64, 1);
        Architecture arch = Architecture.of(spec, 225, CALO, 1);
        assertEquals(List.of(Architecture.Kind.CONV, Architecture.Kind.MAX_POOL, Architecture.Kind.CONV,
                Architecture.Kind.DENSE, Architecture.Kind.OUTPUT), arch.steps().stream().map(Architecture.Step::kind).toList());
        assertEquals(arch.resources().params(), NetworkFactory.build(spec, arch, Task.REGRESSION, 5).numParams());
    }

    @Test
    void aKernelLargerThanTheMapIsRejectedWithAReason() {
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 7), new ConvLayerSpec(4, 7)),
                List.of(8), Activation.RELU, 1e-3, 64, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(spec, 225, CALO, 1));
        assertEquals("kernel 7x7 does not fit the 4x4 feature map", e.getMessage());
    }

    @Test
    void sameSeedSameWeights() {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-3, 64, 1);
        Architecture arch = Architecture.of(spec, 4, null, 1);
        assertEquals(NetworkFactory.build(spec, arch, Task.REGRESSION, 11).params(),
                NetworkFactory.build(spec, arch, Task.REGRESSION, 11).params());
    }
}
