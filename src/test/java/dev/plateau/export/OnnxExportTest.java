package dev.plateau.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.plateau.model.DeployedModel;
import dev.plateau.model.TrainedCandidates;
import dev.plateau.model.TrainedCandidates.Trained;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exported ONNX files, run by an independent runtime (ONNX Runtime), compute what Plateau computes
 * from the same raw rows: the float file what {@link DeployedModel#predict} gives, the QONNX file what
 * the deployed integer form gives — up to an activation that lands one grid step apart because a sum
 * was added in another order.
 */
class OnnxExportTest {
    static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    /** ONNX Runtime's outputs for raw rows. */
    static double[][] run(ModelProto model, double[][] raw) throws Exception {
        float[][] rows = new float[raw.length][];
        for (int r = 0; r < raw.length; r++) {
            rows[r] = new float[raw[r].length];
            for (int j = 0; j < rows[r].length; j++) rows[r][j] = (float) raw[r][j];
        }
        try (OrtSession session = ORT.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ORT, rows);
             OrtSession.Result result = session.run(Map.of(model.getGraph().getInput(0).getName(), input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            double[][] d = new double[out.length][];
            for (int r = 0; r < out.length; r++) {
                d[r] = new double[out[r].length];
                for (int k = 0; k < d[r].length; k++) d[r][k] = out[r][k];
            }
            return d;
        }
    }

    /** Outputs further than 1e-5 relative from Plateau's; fails on any further than {@code tolerance}. */
    static int differing(String what, double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what);
        int differing = 0;
        double worst = 0;
        for (int r = 0; r < expected.length; r++)
            for (int k = 0; k < expected[r].length; k++) {
                double e = expected[r][k], a = actual[r][k], relative = Math.abs(a - e) / Math.max(Math.abs(e), 1e-6);
                worst = Math.max(worst, relative);
                if (relative > 1e-5) differing++;
                assertTrue(relative <= tolerance, what + ": row " + r + " output " + k + ": Plateau " + e + ", ONNX Runtime " + a);
            }
        System.out.printf("%s: %d of %d outputs beyond 1e-5 relative, largest %.3g%n", what, differing, expected.length * expected[0].length, worst);
        return differing;
    }

    @Test
    void theFloatFileComputesWhatTheSavedModelPredictsFromRawRows() throws Exception {
        for (Trained t : TrainedCandidates.MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            double[][] raw = t.study().rawValidation();
            double[][] plateau = model.predict(raw);
            double[][] onnx = run(OnnxExport.of(model, OnnxExport.Form.FLOAT, Map.of()), raw);
            int outputs = raw.length * model.output().width();
            if (model.integers().activations().isEmpty()) assertEquals(0, differing("model.onnx, " + t.name(), plateau, onnx, 1e-5), t.name());
            else assertTrue(differing("model.onnx, " + t.name(), plateau, onnx, 1) < 0.001 * outputs, t.name());
        }
    }

    @Test
    void theQonnxFileComputesTheDeployedIntegerForm() throws Exception {
        for (Trained t : TrainedCandidates.MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            double[][] raw = t.study().rawValidation();
            double[][] deployed = model.asDeployed().predict(raw);
            double[][] onnx = run(OnnxExport.of(model, OnnxExport.Form.QONNX, Map.of()), raw);
            int outputs = raw.length * model.output().width();
            assertTrue(differing("model.qonnx.onnx, " + t.name(), deployed, onnx, 1) < 0.001 * outputs, t.name());
        }
    }

    @Test
    void theQonnxGraphHasOneQuantPerKernelAndQuantisedActivationAndKeepsZeroAttributes() throws Exception {
        for (Trained t : TrainedCandidates.MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            ModelProto onnx = ModelProto.parseFrom(OnnxExport.of(model, OnnxExport.Form.QONNX, Map.of()).toByteArray());
            assertEquals(OnnxExport.IR_VERSION, onnx.getIrVersion());
            assertEquals(1, onnx.getFunctionsCount());
            int weightQuants = 0, activationQuants = 0;
            for (NodeProto n : onnx.getGraph().getNodeList()) {
                assertFalse(n.getOpType().equals("Gemm"), t.name());
                if (!n.getOpType().equals("Quant")) continue;
                assertEquals(OnnxExport.QONNX_DOMAIN, n.getDomain());
                AttributeProto signed = n.getAttributeList().stream().filter(a -> a.getName().equals("signed")).findFirst().orElseThrow();
                assertTrue(signed.hasI(), "signed must survive the wire even when 0");
                if (signed.getI() == 1) weightQuants++;
                else activationQuants++;
            }
            assertEquals(model.integers().weights().size(), weightQuants, t.name());
            assertEquals(model.integers().activations().size(), activationQuants, t.name());
            // every intermediate tensor is shaped, with a symbolic batch dimension
            assertEquals(onnx.getGraph().getNodeCount() - 1, onnx.getGraph().getValueInfoCount(), t.name());
            assertEquals(OnnxGraph.BATCH, onnx.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        }
    }
}
