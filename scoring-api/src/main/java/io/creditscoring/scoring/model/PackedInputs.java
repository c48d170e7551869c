package io.creditscoring.scoring.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Feeds a graph's numeric columns through one input instead of one input each.
 *
 * <p>The platform's artifacts declare one float {@code [N,1]} input per numeric feature, which keeps them
 * readable by any tool, but ONNX Runtime's Java binding pays for every input on every call (a name lookup and a
 * tensor hand-over across JNI): with twenty features that is about a third of the cost of scoring one row. At
 * load the scoring API therefore runs an equivalent graph whose float {@code [N,1]} inputs are the columns of one
 * float {@code [N,k]} input, {@value #PACKED_INPUT}; the rest of the graph is untouched. When the columns only
 * feed one {@code Concat} along axis 1, as in every artifact the platform exports, the columns are packed in the
 * order that {@code Concat} takes them, and each run of consecutive columns in it becomes one {@code Slice} of
 * the packed input (or the packed input itself when the run is every column). Otherwise a {@code Split} gives
 * each column back its name. Other inputs (strings, doubles, integers) stay as they are.
 *
 * @param graph the serialised graph to run
 * @param columns the names of the inputs now fed through {@value #PACKED_INPUT}, in column order; empty when the
 *     graph is run as stored
 * @param declared the names of the stored graph's inputs, in their declared order
 */
record PackedInputs(byte[] graph, List<String> columns, List<String> declared) {

    static final String PACKED_INPUT = "packed_numeric_inputs";

    /** Packs the float {@code [N,1]} inputs of a serialised graph when it has at least two. */
    static PackedInputs of(byte[] onnx) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException("the artifact is not an ONNX model", e);
        }
        GraphProto graph = model.getGraph();
        List<String> declared =
                graph.getInputList().stream().map(ValueInfoProto::getName).toList();
        List<String> candidates = graph.getInputList().stream()
                .filter(PackedInputs::isFloatColumn)
                .map(ValueInfoProto::getName)
                .toList();
        if (candidates.size() < 2 || isTaken(graph, PACKED_INPUT)) {
            return new PackedInputs(onnx, List.of(), declared);
        }
        GraphProto.Builder packed = graph.toBuilder().clearInput();
        for (ValueInfoProto input : graph.getInputList()) {
            if (!candidates.contains(input.getName())) {
                packed.addInput(input);
            }
        }
        packed.addInput(packedInput(candidates.size()));
        int concat = soleConcatConsumer(graph, candidates);
        List<String> columns;
        if (concat >= 0) {
            NodeProto node = graph.getNode(concat);
            columns = node.getInputList().stream().filter(candidates::contains).toList();
            List<NodeProto> slices = new ArrayList<>();
            packed.setNode(concat, sliceRuns(packed, node, columns, slices));
            slices.forEach(slice -> packed.addNode(0, slice));
        } else {
            columns = candidates;
            NodeProto.Builder split = NodeProto.newBuilder()
                    .setOpType("Split")
                    .addInput(PACKED_INPUT)
                    .addAllOutput(columns)
                    .addAttribute(intAttribute("axis", 1));
            if (defaultOpset(model) >= 18) {
                // from opset 18 on, Split needs the number of parts; before, equal parts are implied by the outputs
                split.addAttribute(intAttribute("num_outputs", columns.size()));
            }
            packed.addNode(0, split);
        }
        return new PackedInputs(model.toBuilder().setGraph(packed).build().toByteArray(), columns, declared);
    }

    /**
     * The Concat node with each run of consecutive packed columns in its inputs replaced by one slice of the
     * packed input; the bounds of the slices are added to the graph, the Slice nodes to {@code slices}.
     */
    private static NodeProto sliceRuns(
            GraphProto.Builder graph, NodeProto concat, List<String> columns, List<NodeProto> slices) {
        List<String> inputs = new ArrayList<>();
        List<String> names = concat.getInputList();
        int column = 0;
        for (int i = 0; i < names.size(); ) {
            if (!columns.contains(names.get(i))) {
                inputs.add(names.get(i++));
                continue;
            }
            int from = column;
            while (i < names.size() && columns.contains(names.get(i))) {
                i++;
                column++;
            }
            inputs.add(from == 0 && column == columns.size() ? PACKED_INPUT : slice(graph, from, column, slices));
        }
        NodeProto.Builder replaced = concat.toBuilder().clearInput().addAllInput(inputs);
        if (inputs.size() == 1) {
            replaced.setOpType("Identity").clearAttribute();
        }
        return replaced.build();
    }

    /** A Slice of columns [from, to) of the packed input; answers its output's name. */
    private static String slice(GraphProto.Builder graph, int from, int to, List<NodeProto> slices) {
        String name = PACKED_INPUT + "/" + from + ":" + to;
        graph.addInitializer(int64(name + "/starts", from));
        graph.addInitializer(int64(name + "/ends", to));
        graph.addInitializer(int64(name + "/axes", 1));
        slices.add(NodeProto.newBuilder()
                .setOpType("Slice")
                .addInput(PACKED_INPUT)
                .addInput(name + "/starts")
                .addInput(name + "/ends")
                .addInput(name + "/axes")
                .addOutput(name)
                .build());
        return name;
    }

    private static TensorProto int64(String name, long value) {
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1)
                .addInt64Data(value)
                .build();
    }

    boolean isPacked() {
        return !columns.isEmpty();
    }

    private static boolean isFloatColumn(ValueInfoProto input) {
        if (!input.getType().hasTensorType()) {
            return false;
        }
        TypeProto.Tensor tensor = input.getType().getTensorType();
        return tensor.getElemType() == TensorProto.DataType.FLOAT_VALUE
                && tensor.getShape().getDimCount() == 2
                && tensor.getShape().getDim(1).getDimValue() == 1;
    }

    /**
     * The index of the node that is the only consumer of the columns: a Concat along axis 1 that takes each of
     * them once; -1 when there is none.
     */
    private static int soleConcatConsumer(GraphProto graph, List<String> columns) {
        Set<String> names = new HashSet<>(columns);
        int found = -1;
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            long taken = node.getInputList().stream().filter(names::contains).count();
            if (taken == 0) {
                continue;
            }
            boolean concat = node.getOpType().equals("Concat")
                    && node.getDomain().isEmpty()
                    && taken == names.size()
                    && node.getInputList().stream()
                                    .filter(names::contains)
                                    .distinct()
                                    .count()
                            == taken
                    && node.getAttributeList().stream()
                            .anyMatch(a -> a.getName().equals("axis") && (a.getI() == 1 || a.getI() == -1));
            if (!concat || found >= 0) {
                return -1;
            }
            found = i;
        }
        boolean columnIsOutput = graph.getOutputList().stream().anyMatch(o -> names.contains(o.getName()));
        return columnIsOutput ? -1 : found;
    }

    private static long defaultOpset(ModelProto model) {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(o -> o.getVersion())
                .max()
                .orElse(1);
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    private static boolean isTaken(GraphProto graph, String name) {
        List<String> used = new ArrayList<>();
        graph.getInputList().forEach(i -> used.add(i.getName()));
        graph.getInitializerList().forEach(i -> used.add(i.getName()));
        graph.getNodeList().forEach(n -> used.addAll(n.getOutputList()));
        return used.contains(name);
    }

    private static ValueInfoProto packedInput(int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(PACKED_INPUT)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }
}
