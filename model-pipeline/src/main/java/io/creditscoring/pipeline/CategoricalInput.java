package io.creditscoring.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A categorical feature, one-hot encoded over the categories seen in training: one column per category, 1 for
 * the value's category and 0 elsewhere. A missing value or a category not in the list (the unknown-category
 * path) writes all zeros.
 *
 * @param feature the raw feature name
 * @param categories the categories, in column order, in the schema's spelling
 */
public record CategoricalInput(String feature, List<String> categories) implements InputTransform {

    public CategoricalInput {
        categories = List.copyOf(categories);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("categorical input '" + feature + "' has no categories");
        }
    }

    /** One column per category, counted without naming them (a schema may list thousands of categories). */
    @Override
    @JsonIgnore
    public int width() {
        return categories.size();
    }

    @Override
    public List<String> columnNames() {
        return categories.stream().map(c -> feature + "=" + c).toList();
    }
}
