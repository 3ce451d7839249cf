package dev.plateau.export;

import static dev.plateau.export.OnnxGraph.floatAttribute;
import static dev.plateau.export.OnnxGraph.intAttribute;
import static dev.plateau.export.OnnxGraph.intsAttribute;
import static dev.plateau.export.OnnxGraph.stringAttribute;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.plateau.data.Dataset;
import dev.plateau.data.InputSchema;
import dev.plateau.data.OutputDomain;
import dev.plateau.model.DeployedModel;
import dev.plateau.model.StockLayer;
import dev.plateau.model.quant.ActivationQuantizer;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.space.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A deployed model as an ONNX file (IR {@value #IR_VERSION}, opset {@value #OPSET}) that takes raw
 * feature values and returns the task's units: the input standardisation as leading Sub and Div, the
 * energy input (when the network takes it) as the Log of a ReduceSum of the standardised cells, then the layers —
 * Reshape to NCHW, Conv, MaxPool, Flatten, MatMul + Add (hls4ml has no Gemm handler), the activations —
 * and the regression target's standardisation and logarithm undone at the end. Two forms:
 * <ul>
 *   <li>{@link Form#FLOAT} ({@code model.onnx}): standard ops only, with the stock network's kernels,
 *       computing what {@link DeployedModel#predict} computes; an activation grid is written out as
 *       Div, Round, Clip and Mul.</li>
 *   <li>{@link Form#QONNX} ({@code model.qonnx.onnx}): the deployed integer form
 *       ({@link DeployedModel#asDeployed}) for hls4ml and FINN — one QONNX {@code Quant} per kernel
 *       (zero point 0, {@code signed=1}, {@code narrow=1}: levels ±(2^(b−1) − 1), scales per output
 *       channel or per tensor, rounding ROUND = half to even) and {@code Quant(signed=0)} after each
 *       quantised ReLU. The file carries a model-local function that defines {@code Quant} from
 *       standard ops, so ONNX Runtime runs it unchanged.</li>
 * </ul>
 */
public final class OnnxExport {
    public static final int IR_VERSION = 8, OPSET = 13;
    public static final String QONNX_DOMAIN = "qonnx.custom_op.general";

    /** Which file: float with standard ops, or QONNX with Quant nodes. */
    public enum Form { FLOAT, QONNX }

    private final OnnxGraph g;
    private final Form form;
    private final DeployedModel model;

    private OnnxExport(DeployedModel model, Form form) {
        this.model = form == Form.QONNX ? model.asDeployed() : model;
        this.form = form;
        this.g = new OnnxGraph("plateau", form == Form.QONNX
                ? "deployed integer form: QONNX Quant on every kernel and quantised activation"
                : "float network with the deployed kernels, standard ONNX operators only");
    }

    /**
     * @param metadata written as the model's metadata_props beside the schema's (features, outputs, labels, units)
     * @throws IllegalArgumentException for a layer or activation this exporter does not write
     */
    public static ModelProto of(DeployedModel model, Form form, Map<String, String> metadata) {
        OnnxExport export = new OnnxExport(model, form);
        String output = export.network();
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("plateau")
                .setProducerVersion(metadata.getOrDefault("code_version", "unknown")).setGraph(export.g.build())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (form == Form.QONNX)
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(QONNX_DOMAIN).setVersion(1)).addFunctions(quantFunction());
        Map<String, String> props = new LinkedHashMap<>(export.schemaMetadata(output));
        props.putAll(metadata);
        props.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** The name of the graph's input: "cells" for a calorimeter image, else "features". */
    public static String inputName(InputSchema schema) { return schema.image() != null ? "cells" : "features"; }

    /** The name of the graph's output: "probabilities", or the one target's name (else "targets"). */
    public static String outputName(OutputDomain domain) {
        if (domain.task() == Task.CLASSIFICATION) return "probabilities";
        return domain.targetNames().size() == 1 ? domain.targetNames().get(0).replaceAll("[^A-Za-z0-9_]", "_") : "targets";
    }

    private Map<String, String> schemaMetadata(String output) {
        InputSchema in = model.input();
        OutputDomain out = model.output();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("plateau.form", form.name().toLowerCase(java.util.Locale.ROOT));
        props.put("plateau.input", inputName(in) + ": raw values of " + in.features().size() + " features in this order: " + String.join(",", in.features()));
        props.put("plateau.output", output + ": " + (out.task() == Task.CLASSIFICATION ? "probabilities of the classes " + String.join(",", out.classLabels())
                : String.join(",", out.targetNames()) + (out.units() == null ? "" : " in " + String.join(",", out.units()))));
        return props;
    }

    /** Writes the graph; returns the output tensor's name. */
    private String network() {
        InputSchema schema = model.input();
        int features = schema.features().size();
        String raw = g.input(inputName(schema), "raw feature values, in this order: " + String.join(", ", schema.features()), -1, features);
        String x = g.node("Sub", List.of(raw, g.constant("input_mean", floats(schema.mean()), features)), new long[] {-1, features});
        x = g.node("Div", List.of(x, g.constant("input_scale", floats(schema.scale()), features)), new long[] {-1, features});
        String standardised = x;
        for (StockLayer layer : model.layers()) {
            if (layer.preprocessor() instanceof FeedForwardToCnnPreProcessor p)
                x = g.node("Reshape", List.of(x, g.longConstant("image_shape", -1, p.getNumChannels(), p.getInputHeight(), p.getInputWidth())),
                        new long[] {-1, p.getNumChannels(), p.getInputHeight(), p.getInputWidth()});
            else if (layer.preprocessor() instanceof CnnToFeedForwardPreProcessor) {
                long[] s = g.shape(x);
                x = g.node("Flatten", List.of(x), new long[] {-1, s[1] * s[2] * s[3]}, intAttribute("axis", 1));
            } else if (layer.preprocessor() != null)
                throw new IllegalArgumentException("layer " + layer.index() + ": no ONNX form for the preprocessor " + layer.preprocessor());
            if (layer.joinsSideInputs()) {
                String sum = g.node("ReduceSum", List.of(standardised, g.longConstant("sum_axes", 1)), new long[] {-1, 1}, intAttribute("keepdims", 1));
                sum = g.node("Max", List.of(sum, g.constant("energy_floor", new float[] {(float) Dataset.ENERGY_FLOOR})), new long[] {-1, 1});
                String energy = g.node("Log", List.of(sum), new long[] {-1, 1});
                x = g.node("Concat", List.of(x, energy), new long[] {-1, g.shape(x)[1] + 1}, intAttribute("axis", 1));
            }
            x = layer(layer, x);
        }
        x = outputUnits(x);
        OutputDomain out = model.output();
        String name = g.named(outputName(out), "Identity", List.of(x), g.shape(x));
        g.output(name, out.task() == Task.CLASSIFICATION ? "probabilities of the classes " + String.join(", ", out.classLabels())
                : String.join(", ", out.targetNames()) + (out.units() == null ? "" : " in " + String.join(", ", out.units())));
        return name;
    }

    private String layer(StockLayer layer, String x) {
        var conf = layer.conf();
        int l = layer.index();
        if (conf instanceof ConvolutionLayer c) {
            if (c.getConvolutionMode() != ConvolutionMode.Truncate || !Arrays.equals(c.getStride(), new int[] {1, 1})
                    || !Arrays.equals(c.getPadding(), new int[] {0, 0}) || !Arrays.equals(c.getDilation(), new int[] {1, 1}))
                throw new IllegalArgumentException("layer " + l + ": only stride-1, unpadded, undilated convolutions are exported");
            long[] in = g.shape(x);
            int[] k = c.getKernelSize();
            List<String> inputs = new ArrayList<>(List.of(x, kernel(layer)));
            if (c.hasBias()) inputs.add(g.constant("l" + l + "_b", floats(layer.params().get("b")), c.getNOut()));
            x = g.node("Conv", inputs, new long[] {-1, c.getNOut(), in[2] - k[0] + 1, in[3] - k[1] + 1},
                    intsAttribute("kernel_shape", k[0], k[1]), intsAttribute("strides", 1, 1), intsAttribute("pads", 0, 0, 0, 0),
                    intsAttribute("dilations", 1, 1));
        } else if (conf instanceof SubsamplingLayer s) {
            if (s.getPoolingType() != PoolingType.MAX || !Arrays.equals(s.getPadding(), new int[] {0, 0}) || s.getConvolutionMode() != ConvolutionMode.Truncate)
                throw new IllegalArgumentException("layer " + l + ": only unpadded max pooling is exported");
            long[] in = g.shape(x);
            int[] k = s.getKernelSize(), st = s.getStride();
            return g.node("MaxPool", List.of(x), new long[] {-1, in[1], (in[2] - k[0]) / st[0] + 1, (in[3] - k[1]) / st[1] + 1},
                    intsAttribute("kernel_shape", k[0], k[1]), intsAttribute("strides", st[0], st[1]), intsAttribute("pads", 0, 0, 0, 0));
        } else if (conf instanceof FeedForwardLayer f && layer.params().containsKey("W")) {
            x = g.node("MatMul", List.of(x, kernel(layer)), new long[] {-1, f.getNOut()});
            if (layer.params().containsKey("b"))
                x = g.node("Add", List.of(x, g.constant("l" + l + "_b", floats(layer.params().get("b")), f.getNOut())), new long[] {-1, f.getNOut()});
        } else throw new IllegalArgumentException("layer " + l + ": no ONNX form for " + conf.getClass().getSimpleName());
        return activation(((BaseLayer) conf).getActivationFn(), model.integers().activationAfter(l), x, l);
    }

    /** Layer {@code layer}'s kernel: as deployed, behind a weight Quant in the QONNX form. */
    private String kernel(StockLayer layer) {
        INDArray w = layer.params().get("W");
        String name = "l" + layer.index() + "_W";
        String constant = g.constant(name, floats(w), w.shape());
        if (form == Form.FLOAT) return constant;
        IntegerTensor t = model.integers().kernelOf(layer.index());
        if (t == null) throw new IllegalStateException("no integer form for layer " + layer.index() + "'s kernel");
        long[] scaleShape = t.scales().length == 1 ? new long[0]
                : w.rank() == 2 ? new long[] {1, w.size(1)} : new long[] {w.size(0), 1, 1, 1};
        String scale = g.constant(name + "_scale", floats(t.scales()), scaleShape);
        return quant(constant, scale, t.bits(), true, w.shape());
    }

    private String quant(String x, String scale, int bits, boolean signed, long[] shape) {
        String zero = g.constant(x + "_zeropt", new float[] {0f});
        String bitwidth = g.constant(x + "_bitwidth", new float[] {bits});
        return g.node("Quant", QONNX_DOMAIN, List.of(x, scale, zero, bitwidth), shape, intAttribute("signed", signed ? 1 : 0),
                intAttribute("narrow", signed ? 1 : 0), stringAttribute("rounding_mode", "ROUND"));
    }

    private String activation(IActivation fn, ActivationQuantizer grid, String x, int l) {
        long[] s = g.shape(x);
        if (grid != null) {
            if (!(fn instanceof ActivationReLU)) throw new IllegalArgumentException("layer " + l + ": a quantised activation must be a ReLU");
            x = g.node("Relu", List.of(x), s);
            String step = g.constant("l" + l + "_act_scale", new float[] {(float) grid.step()});
            if (form == Form.QONNX) return quant(x, step, grid.bits(), false, s);
            x = g.node("Div", List.of(x, step), s);
            x = g.node("Round", List.of(x), s);
            x = g.node("Clip", List.of(x, g.constant("l" + l + "_act_min", new float[] {0f}), g.constant("l" + l + "_act_max", new float[] {grid.levels()})), s);
            return g.node("Mul", List.of(x, step), s);
        }
        if (fn instanceof ActivationIdentity) return x;
        if (fn instanceof ActivationReLU) return g.node("Relu", List.of(x), s);
        if (fn instanceof ActivationLReLU r) return g.node("LeakyRelu", List.of(x), s, floatAttribute("alpha", (float) r.getAlpha()));
        if (fn instanceof ActivationELU e) return g.node("Elu", List.of(x), s, floatAttribute("alpha", (float) e.getAlpha()));
        if (fn instanceof ActivationSELU) return g.node("Selu", List.of(x), s);
        if (fn instanceof ActivationTanH) return g.node("Tanh", List.of(x), s);
        if (fn instanceof ActivationSigmoid) return g.node("Sigmoid", List.of(x), s);
        if (fn instanceof ActivationSoftmax) return g.node("Softmax", List.of(x), s, intAttribute("axis", 1));
        if (fn instanceof ActivationGELU gelu && !gelu.isPrecise()) {
            // ND4J's GELU is the sigmoid approximation x·σ(1.702 x); Gelu is not in opset 13
            String k = g.constant("l" + l + "_gelu_k", new float[] {1.702f});
            return g.node("Mul", List.of(x, g.node("Sigmoid", List.of(g.node("Mul", List.of(x, k), s)), s)), s);
        }
        throw new IllegalArgumentException("layer " + l + ": no ONNX form for the activation " + fn);
    }

    /** Regression outputs back in the target's units: × scale + mean, then exp when learnt as a logarithm. */
    private String outputUnits(String x) {
        OutputDomain out = model.output();
        if (out.task() == Task.CLASSIFICATION) return x;
        long[] s = g.shape(x);
        x = g.node("Mul", List.of(x, g.constant("target_scale", floats(out.targetScale()), s[1])), s);
        x = g.node("Add", List.of(x, g.constant("target_mean", floats(out.targetMean()), s[1])), s);
        return out.logTarget() ? g.node("Exp", List.of(x), s) : x;
    }

    /**
     * QONNX's Quant as a model-local function of standard ops, for runtimes without the custom op:
     * q = clip(round(x/scale + zeropt), qmin, qmax), y = (q − zeropt)·scale, where qmax = 2^(b−1) − 1
     * and qmin = −2^(b−1) + narrow when signed, else qmax = 2^b − 1 − narrow and qmin = 0.
     */
    static FunctionProto quantFunction() {
        FunctionProto.Builder f = FunctionProto.newBuilder().setName("Quant").setDomain(QONNX_DOMAIN)
                .addAllInput(List.of("x", "scale", "zeropt", "bitwidth")).addOutput("y")
                .addAllAttribute(List.of("signed", "narrow", "rounding_mode"))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        f.addNode(attributeConstant("signed", "signed_i"));
        f.addNode(attributeConstant("narrow", "narrow_i"));
        f.addNode(op("Cast", List.of("signed_i"), "s", intAttribute("to", 1)));
        f.addNode(op("Cast", List.of("narrow_i"), "n", intAttribute("to", 1)));
        f.addNode(floatConstant(1f, "one"));
        f.addNode(floatConstant(2f, "two"));
        f.addNode(op("Sub", List.of("bitwidth", "one"), "b_minus_1"));
        f.addNode(op("Pow", List.of("two", "b_minus_1"), "half"));
        f.addNode(op("Pow", List.of("two", "bitwidth"), "full"));
        f.addNode(op("Sub", List.of("half", "one"), "signed_max"));
        f.addNode(op("Sub", List.of("full", "one"), "full_minus_1"));
        f.addNode(op("Sub", List.of("full_minus_1", "n"), "unsigned_max"));
        f.addNode(op("Sub", List.of("one", "s"), "u"));
        f.addNode(op("Mul", List.of("s", "signed_max"), "qmax_s"));
        f.addNode(op("Mul", List.of("u", "unsigned_max"), "qmax_u"));
        f.addNode(op("Add", List.of("qmax_s", "qmax_u"), "qmax"));
        f.addNode(op("Sub", List.of("n", "half"), "signed_min"));
        f.addNode(op("Mul", List.of("s", "signed_min"), "qmin"));
        f.addNode(op("Div", List.of("x", "scale"), "scaled"));
        f.addNode(op("Add", List.of("scaled", "zeropt"), "shifted"));
        f.addNode(op("Round", List.of("shifted"), "rounded"));
        f.addNode(op("Clip", List.of("rounded", "qmin", "qmax"), "q"));
        f.addNode(op("Sub", List.of("q", "zeropt"), "centred"));
        f.addNode(op("Mul", List.of("centred", "scale"), "y"));
        return f.build();
    }

    private static NodeProto op(String type, List<String> inputs, String output, AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(type).addAllInput(inputs).addOutput(output).addAllAttribute(Arrays.asList(attributes)).build();
    }

    private static NodeProto attributeConstant(String attribute, String output) {
        return NodeProto.newBuilder().setOpType("Constant").addOutput(output).addAttribute(AttributeProto.newBuilder()
                .setName("value_int").setType(AttributeProto.AttributeType.INT).setRefAttrName(attribute)).build();
    }

    private static NodeProto floatConstant(float value, String output) {
        return NodeProto.newBuilder().setOpType("Constant").addOutput(output).addAttribute(floatAttribute("value_float", value)).build();
    }

    static float[] floats(INDArray a) { return a.castTo(DataType.FLOAT).dup('c').ravel().toFloatVector(); }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }
}
