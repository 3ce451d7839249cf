package dev.plateau.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph as it is written: float32 tensors only, the shape of every tensor known when it is made
 * (−1 for the symbolic batch dimension {@value #BATCH}), and a value_info entry for every intermediate
 * tensor so a reader needs no shape inference. Node outputs get unique names from the op's name.
 */
final class OnnxGraph {
    static final String BATCH = "N";
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, long[]> shapes = new HashMap<>();
    private int nodes;

    OnnxGraph(String name, String doc) {
        graph.setName(name).setDocString(doc);
    }

    /** A graph input of float32 values. */
    String input(String name, String doc, long... shape) {
        graph.addInput(valueInfo(name, shape).toBuilder().setDocString(doc));
        shapes.put(name, shape);
        return name;
    }

    /** Declares {@code tensor} a graph output (its value_info moves from the intermediates to the outputs). */
    void output(String tensor, String doc) {
        for (int i = 0; i < graph.getValueInfoCount(); i++)
            if (graph.getValueInfo(i).getName().equals(tensor)) graph.removeValueInfo(i--);
        graph.addOutput(valueInfo(tensor, shapes.get(tensor)).toBuilder().setDocString(doc));
    }

    /** A float32 constant (an initializer); {@code shape} empty for a scalar. */
    String constant(String name, float[] values, long... shape) {
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != values.length)
            throw new IllegalArgumentException(values.length + " values for " + name + " of shape " + Arrays.toString(shape));
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : shape) t.addDims(d);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) raw.putFloat(v);
        t.setRawData(ByteString.copyFrom(raw.array()));
        graph.addInitializer(t);
        shapes.put(name, shape);
        return name;
    }

    /** An int64 constant, for the shape and axes inputs of Reshape and ReduceSum. */
    String longConstant(String name, long... values) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).addAllInt64Data(Arrays.stream(values).boxed().toList()));
        shapes.put(name, new long[] {values.length});
        return name;
    }

    /** A node of the standard domain; returns its output's name. */
    String node(String op, List<String> inputs, long[] outShape, AttributeProto... attributes) {
        return node(op, "", inputs, outShape, attributes);
    }

    /** A node of {@code domain} whose one output has shape {@code outShape}; returns the output's name. */
    String node(String op, String domain, List<String> inputs, long[] outShape, AttributeProto... attributes) {
        return named(op.toLowerCase(java.util.Locale.ROOT) + "_" + nodes, op, domain, inputs, outShape, attributes);
    }

    /** A standard node whose output is named {@code out}. */
    String named(String out, String op, List<String> inputs, long[] outShape, AttributeProto... attributes) {
        return named(out, op, "", inputs, outShape, attributes);
    }

    private String named(String out, String op, String domain, List<String> inputs, long[] outShape, AttributeProto... attributes) {
        if (shapes.containsKey(out)) throw new IllegalArgumentException("the tensor " + out + " exists already");
        graph.addNode(NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(op + "_" + nodes++)
                .addAllInput(inputs).addOutput(out).addAllAttribute(Arrays.asList(attributes)));
        graph.addValueInfo(valueInfo(out, outShape));
        shapes.put(out, outShape);
        return out;
    }

    long[] shape(String tensor) { return shapes.get(tensor).clone(); }

    GraphProto build() { return graph.build(); }

    static ValueInfoProto valueInfo(String name, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH) : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s))).build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto intsAttribute(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build();
    }
}
