package io.creditscoring.export.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the nodes, initializers, inputs and outputs of one ONNX graph, handing out unique value names. The
 * protobuf builders of {@code ai.onnx.proto.OnnxMl} do the encoding; this class only keeps the bookkeeping in one
 * place.
 */
final class OnnxGraphBuilder {

    static final String ML_DOMAIN = "ai.onnx.ml";
    static final String BATCH_DIM = "N";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int counter;

    OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
    }

    GraphProto build() {
        return graph.build();
    }

    /** Reserves an exact name (graph inputs and outputs); fails when it is taken. */
    String reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is used twice in the ONNX graph");
        }
        return name;
    }

    /** A fresh internal value name; internal names contain '/', which keeps them apart from feature names. */
    String fresh(String hint) {
        String name;
        do {
            name = "pipeline/" + hint + "/" + counter++;
        } while (!names.add(name));
        return name;
    }

    /** Declares a graph input of the given element type and shape {@code [N, 1]}. */
    void input(String name, TensorProto.DataType type) {
        graph.addInput(valueInfo(reserve(name), type, List.of(BATCH_DIM, "1")));
    }

    /** Declares an existing value as a graph output; dims are a symbolic name or a number. */
    void output(String name, TensorProto.DataType type, List<String> dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    String floats(String hint, float[] values, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        graph.addInitializer(t);
        return name;
    }

    String longs(String hint, long[] values, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node of the default (ai.onnx) domain writing one new value; returns the value's name. */
    String node(String opType, List<String> inputs, AttributeProto... attributes) {
        return node("", opType, inputs, fresh(opType.toLowerCase(java.util.Locale.ROOT)), attributes);
    }

    /**
     * Adds an ai.onnx.ml node writing one new float value of the given shape, and declares that type in the
     * graph's {@code value_info}: the reference shape inference (onnx 1.12) has no type function for several ML
     * operators (Imputer, Scaler, OneHotEncoder), and full checking needs every value typed.
     */
    String mlNode(String opType, List<String> inputs, List<String> outputDims, AttributeProto... attributes) {
        String output = node(ML_DOMAIN, opType, inputs, fresh(opType.toLowerCase(java.util.Locale.ROOT)), attributes);
        graph.addValueInfo(valueInfo(output, TensorProto.DataType.FLOAT, outputDims));
        return output;
    }

    /** Adds a node writing the given, already reserved or fresh, output name. */
    String node(String domain, String opType, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(opType)
                .setName(output + ":" + opType)
                .addAllInput(inputs)
                .addOutput(output);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value))
                .build();
    }

    static AttributeProto floatsAttr(String name, float[] values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            a.addFloats(v);
        }
        return a.build();
    }

    static AttributeProto intsAttr(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto stringsAttr(String name, List<String> values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) {
            a.addStrings(com.google.protobuf.ByteString.copyFromUtf8(v));
        }
        return a.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, List<String> dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }
}
