package io.creditscoring.pipeline;

import java.util.List;

/**
 * The fitted preprocessing: every transform writes its columns into the model vector in list order.
 *
 * @param inputs the transforms, one per model input feature
 */
public record Preprocessing(List<InputTransform> inputs) {

    public Preprocessing {
        inputs = List.copyOf(inputs);
    }

    /** Number of columns of the model vector. */
    public int width() {
        return inputs.stream().mapToInt(InputTransform::width).sum();
    }

    /** Names of the model vector's columns, in order. */
    public List<String> columnNames() {
        return inputs.stream().flatMap(i -> i.columnNames().stream()).toList();
    }

    /** The raw features the pipeline reads, in order. */
    public List<String> features() {
        return inputs.stream().map(InputTransform::feature).toList();
    }
}
