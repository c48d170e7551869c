package io.creditscoring.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** How one raw feature becomes columns of the model vector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NumericInput.class, name = "numeric"),
    @JsonSubTypes.Type(value = CategoricalInput.class, name = "categorical")
})
public sealed interface InputTransform permits NumericInput, CategoricalInput {

    /** The raw feature this transform reads. */
    String feature();

    /** Names of the columns it writes, in order. */
    @JsonIgnore
    List<String> columnNames();

    @JsonIgnore
    default int width() {
        return columnNames().size();
    }
}
