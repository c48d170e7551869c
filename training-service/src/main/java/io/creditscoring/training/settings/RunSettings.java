package io.creditscoring.training.settings;

import io.creditscoring.training.TrainingProperties;
import jakarta.validation.Validation;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The effective settings of one run: the configured defaults with the run's overrides applied. Every setting has a
 * flat name (for example {@code xgboost.maxDepth}); {@link #params()} lists them all for tracking.
 *
 * <p>Overrides are bound by Spring Boot's {@link Binder} onto the same records as {@code training.*} and checked by
 * the same validation annotations, so a run's parameters and the service's configuration share one set of types
 * and bounds.
 */
public record RunSettings(
        long seed,
        TrainingProperties.Split split,
        TrainingProperties.Preprocessing preprocessing,
        TrainingProperties.Evaluation evaluation,
        TrainingProperties.CrossValidation crossValidation,
        TrainingProperties.Search search,
        TrainingProperties.Calibration calibration,
        TrainingProperties.LogisticRegression logisticRegression,
        TrainingProperties.Xgboost xgboost,
        TrainingProperties.NeuralNetwork neuralNetwork) {

    private static final SpringValidatorAdapter VALIDATOR =
            new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());

    /** The configured defaults with the given overrides; throws {@link InvalidParameterException} naming a bad one. */
    public static RunSettings of(TrainingProperties defaults, Map<String, ?> overrides) {
        return fromDefaults(defaults).overriding(overrides);
    }

    /**
     * These settings with the given overrides (flat names), bound and checked like a run's: a trial of the
     * hyper-parameter search is its run's settings with the trial's values.
     */
    public RunSettings overriding(Map<String, ?> overrides) {
        Map<String, Object> flat = new LinkedHashMap<>(flatten(this));
        if (overrides != null) {
            for (var e : overrides.entrySet()) {
                if (!flat.containsKey(e.getKey())) {
                    throw new InvalidParameterException(
                            e.getKey(), "unknown parameter; known ones are " + String.join(", ", flat.keySet()));
                }
                flat.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
        }
        return bind(flat);
    }

    /** Every setting by its flat name, as tracked with the run. */
    public Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(this).forEach((name, value) -> out.put(name, render(value)));
        return Collections.unmodifiableMap(out);
    }

    private static RunSettings fromDefaults(TrainingProperties p) {
        return new RunSettings(
                p.seed(),
                p.split(),
                p.preprocessing(),
                p.evaluation(),
                p.crossValidation(),
                p.search(),
                p.calibration(),
                p.logisticRegression(),
                p.xgboost(),
                p.neuralNetwork());
    }

    private static RunSettings bind(Map<String, Object> flat) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        flat.forEach((name, value) -> source.put(name, value instanceof List<?> list ? join(list) : value));
        Binder binder = new Binder(source);
        try {
            return new RunSettings(
                    binder.bind("seed", Long.class).get(),
                    section(binder, "split", TrainingProperties.Split.class),
                    section(binder, "preprocessing", TrainingProperties.Preprocessing.class),
                    section(binder, "evaluation", TrainingProperties.Evaluation.class),
                    section(binder, "crossValidation", TrainingProperties.CrossValidation.class),
                    section(binder, "search", TrainingProperties.Search.class),
                    section(binder, "calibration", TrainingProperties.Calibration.class),
                    section(binder, "logisticRegression", TrainingProperties.LogisticRegression.class),
                    section(binder, "xgboost", TrainingProperties.Xgboost.class),
                    section(binder, "neuralNetwork", TrainingProperties.NeuralNetwork.class));
        } catch (BindException e) {
            throw invalid(e, flat);
        }
    }

    private static <T> T section(Binder binder, String name, Class<T> type) {
        // bindOrCreate: a section whose only setting is absent (evaluation.threshold) still yields its record
        return binder.bindOrCreate(
                ConfigurationPropertyName.adapt(name, '.'), Bindable.of(type), new ValidationBindHandler(VALIDATOR));
    }

    /** Names the parameter by its flat name, whatever form the binder reports it in. */
    private static InvalidParameterException invalid(BindException e, Map<String, Object> flat) {
        if (e.getCause() instanceof BindValidationException validation
                && !validation.getValidationErrors().getAllErrors().isEmpty()) {
            var errors = validation.getValidationErrors();
            var error = errors.getAllErrors().getFirst();
            // a field error names its field relative to the section bound, and a list element by its index
            String field = errors.getName()
                    + (error instanceof FieldError f ? "." + f.getField().replaceAll("\\[\\d+]$", "") : "");
            String name = flatName(field, flat).orElse(field);
            return new InvalidParameterException(
                    name, error.getDefaultMessage() + ", got '" + render(flat.getOrDefault(name, "")) + "'");
        }
        String name = flatName(e.getName().toString(), flat).orElse(e.getName().toString());
        return new InvalidParameterException(
                name, "cannot be read as a " + e.getTarget().getType() + ", got '" + render(flat.get(name)) + "'");
    }

    private static Optional<String> flatName(String boundName, Map<String, Object> flat) {
        ConfigurationPropertyName bound = ConfigurationPropertyName.adapt(boundName, '.');
        return flat.keySet().stream()
                .filter(name -> ConfigurationPropertyName.adapt(name, '.').equals(bound))
                .findFirst();
    }

    /** Record components by dotted name, recursing into nested records. */
    private static Map<String, Object> flatten(Record settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        flattenInto("", settings, out);
        return out;
    }

    private static void flattenInto(String prefix, Record record, Map<String, Object> out) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read setting " + component.getName(), e);
            }
            String name = prefix + component.getName();
            if (value instanceof Record nested) {
                flattenInto(name + ".", nested, out);
            } else {
                out.put(name, value);
            }
        }
    }

    private static String render(Object value) {
        return switch (value) {
            case null -> "";
            case List<?> list -> join(list);
            default -> String.valueOf(value).trim();
        };
    }

    private static String join(List<?> list) {
        return String.join(",", list.stream().map(String::valueOf).toList());
    }
}
