package dev.plateau.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.Task;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each penalty's gradient against central finite differences of its value, in double precision. */
class PenaltyGradientTest {

    /** Compares {@code gradient} with FD of {@code value} on every parameter; returns the max relative error. */
    static double maxRelativeError(MultiLayerNetwork net, INDArray gradient, ToDoubleFunction<MultiLayerNetwork> value) {
        return dev.plateau.FiniteDifferences.maxRelativeError(net, gradient, value, 1);
    }

    /** KernelPenalty's gradient, read as the change it makes to a zeroed network gradient. */
    static INDArray kernelGradient(MultiLayerNetwork net, KernelPenalty penalty) {
        net.setInput(TinyNets.gaussian(2, net.getLayer(0).getParam("W").size(0) == 3 ? 36 : 4, 1));
        net.setLabels(TinyNets.labels(Task.REGRESSION, 2, 1, 2));
        net.computeGradientAndScore();
        net.getFlattenedGradients().assign(0);
        penalty.addGradient(net, 1);
        return net.getFlattenedGradients().dup();
    }

    @Test
    void l1L2AndOrthogonalityGradientsMatchFiniteDifferences() {
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {TinyNets.mlp(Task.REGRESSION, 1), TinyNets.cnn(Task.REGRESSION, 1)}) {
            for (KernelPenalty p : new KernelPenalty[] {new KernelPenalty(0.3, 0, 0), new KernelPenalty(0, 0.7, 0),
                    new KernelPenalty(0, 0, 0.2), new KernelPenalty(0.1, 0.2, 0.3)}) {
                double err = maxRelativeError(net, kernelGradient(net, p), p::value);
                assertTrue(err < 1e-6, p + " on " + net.getnLayers() + " layers: relative error " + err);
            }
        }
    }

    @Test
    void orthogonalityVanishesOnOrthonormalColumnsAndPenalisesScaledOnes() {
        MultiLayerNetwork net = TinyNets.mlp(Task.REGRESSION, 1);
        // hidden dense 4→6 cannot have 6 orthonormal columns; dense 6→5 can: check that layer alone
        INDArray w = net.getLayer(1).getParam("W");
        org.nd4j.linalg.api.ndarray.INDArray q = org.nd4j.linalg.factory.Nd4j.eye(6).getColumns(0, 1, 2, 3, 4);
        w.assign(q);
        double withIdentity = new KernelPenalty(0, 0, 1).value(net);
        w.assign(q.mul(2));
        double withDouble = new KernelPenalty(0, 0, 1).value(net);
        // ‖(2Q)ᵀ(2Q) − I‖² = ‖3·I₅‖² = 45 more than with Q
        assertTrue(Math.abs(withDouble - withIdentity - 45) < 1e-9, withDouble + " vs " + withIdentity);
    }

    @Test
    void jacobianPenaltyGradientMatchesFiniteDifferencesForRegressionAndClassification() {
        Object[][] cases = {{TinyNets.mlp(Task.REGRESSION, 2), 4}, {TinyNets.mlp(Task.CLASSIFICATION, 3), 4},
                {TinyNets.cnn(Task.REGRESSION, 1), 36}, {TinyNets.cnn(Task.CLASSIFICATION, 3), 36}};
        for (Object[] c : cases) {
            MultiLayerNetwork net = (MultiLayerNetwork) c[0];
            INDArray x = TinyNets.gaussian(5, (int) c[1], 11);
            INDArray u = JacobianPenalty.projections(x, new SplittableRandom(4));
            JacobianPenalty p = new JacobianPenalty(0.5, 0.05);
            INDArray g = p.gradient(net, x, u, 1);
            double err = maxRelativeError(net, g, n -> p.value(n, x, u));
            assertTrue(err < 1e-5, "jacobian penalty gradient, relative error " + err);
            assertTrue(p.value(net, x, u) > 0);
        }
    }

    @Test
    void jacobianEstimateIsUnbiasedForTheFrobeniusNorm() {
        // a linear regression net y = xW + b has J = Wᵀ, so E‖Ju‖² = ‖W‖²_F exactly
        MultiLayerNetwork net = TinyNets.mlp(Task.REGRESSION, 2);
        INDArray x = TinyNets.gaussian(4000, 4, 3);
        INDArray u = JacobianPenalty.projections(x, new SplittableRandom(9));
        // with tanh the Jacobian varies per sample; compare the estimate with the exact mean ‖J‖² by differences
        double estimate = new JacobianPenalty(1, 1e-4).value(net, x, u);
        double exact = 0;
        for (int k = 0; k < 4; k++) {
            INDArray e = org.nd4j.linalg.factory.Nd4j.zeros(x.dataType(), x.rows(), 4);
            e.getColumn(k).assign(1);
            INDArray d = new JacobianPenalty(1, 1e-4).difference(net, x, e);
            exact += d.mul(d).sumNumber().doubleValue() / x.rows();
        }
        assertTrue(Math.abs(estimate / exact - 1) < 0.06, "estimate " + estimate + " vs exact " + exact);
    }
}
