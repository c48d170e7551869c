package io.creditscoring.drift.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges per portfolio, set from each evaluated window: {@code drift_share},
 * {@code drift_dataset_drift} (1 or 0), {@code drift_score_psi}, {@code drift_feature_statistic} (per feature and
 * test), {@code drift_performance_auc}; and the counter {@code drift_retrain_requests_total}.
 */
@Component
class DriftMetrics {

    private final MeterRegistry registry;
    private final Map<String, GaugeValue> gauges = new ConcurrentHashMap<>();

    DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void windowEvaluated(DriftResult result) {
        String p = result.portfolio();
        set("drift.share", p, null, null, result.driftShare());
        set("drift.dataset.drift", p, null, null, result.datasetDrift() ? 1 : 0);
        set("drift.score.psi", p, null, null, result.scorePsi());
        for (DriftResult.FeatureResult f : result.features()) {
            double value = f.statistic() == null ? Double.POSITIVE_INFINITY : f.statistic();
            set("drift.feature.statistic", p, f.name(), f.test(), value);
        }
    }

    void performanceEvaluated(String portfolio, WindowPerformance performance) {
        set("drift.performance.auc", portfolio, null, null, performance.auc());
    }

    void retrainRequested(String portfolio) {
        Counter.builder("drift.retrain.requests")
                .description("DRIFT training commands sent")
                .tag("portfolio", portfolio)
                .register(registry)
                .increment();
    }

    private void set(String name, String portfolio, String feature, String test, double value) {
        String key = name + '|' + portfolio + '|' + feature + '|' + test;
        gauges.computeIfAbsent(key, k -> {
                    GaugeValue holder = new GaugeValue();
                    Gauge.Builder<GaugeValue> builder =
                            Gauge.builder(name, holder, h -> h.value).tag("portfolio", portfolio);
                    if (feature != null) {
                        builder.tag("feature", feature).tag("test", test);
                    }
                    builder.register(registry);
                    return holder;
                })
                .value = value;
    }

    private static final class GaugeValue {
        volatile double value = Double.NaN;
    }
}
