package io.creditscoring.scoring.model;

import io.creditscoring.registry.ArtifactIntegrityException;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelArtifact;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.ModelVersionDetails;
import io.creditscoring.registry.ModelVersionNotFoundException;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The champion model of every portfolio, as served. At start-up and then on every registry check (a
 * {@code credit.model-events} promotion, or the periodic check that backs it up) each portfolio's champion in
 * the registry is compared with the one served; a new one is loaded beside the old one and swapped in with a
 * single map write, so that a request holds exactly one version from start to end and none fails during the
 * swap. Nothing of a swap runs on a request's thread: the new version is loaded and warmed up on the check thread,
 * requests never wait for a lock the check holds, and the old session is closed on the check thread once its
 * last request has finished.
 *
 * <p>A version that cannot be loaded leaves the previous one serving, counts
 * {@code scoring.model.load.failures} and raises the {@code scoring.model.stale} gauge to 1 until a loadable
 * champion is promoted. Such a version is not retried: its artifact will not change.
 *
 * <p>The portfolio's <b>challenger</b>, when the registry names one other than the champion, is read, checked,
 * warmed up and swapped in the same way, on the same thread, and leased the same way by the shadow scoring. It
 * never answers a request and never decides readiness: a challenger that cannot be loaded counts
 * {@code scoring.shadow.model.load.failures} and is not shadow scored. A version that moves from one alias to the
 * other (a challenger promoted to champion) is taken over as loaded, not loaded again.
 */
@Component
public class ChampionModels {

    private static final Logger log = LoggerFactory.getLogger(ChampionModels.class);

    private final ModelRegistry registry;
    private final OnnxModelLoader loader;
    private final MeterRegistry meters;
    private final ScoringProperties properties;
    private final Map<String, ScoringModel> serving = new ConcurrentHashMap<>();
    private final Map<String, Integer> champions = new ConcurrentHashMap<>();
    private final Map<String, ScoringModel> challengers = new ConcurrentHashMap<>();
    private final Map<String, Swap> swaps = new ConcurrentHashMap<>();
    private final Set<String> unloadable = ConcurrentHashMap.newKeySet();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Set<String> challengerGauged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-check");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean checkRequested = new AtomicBoolean();
    private volatile boolean checkedOnce;

    ChampionModels(ModelRegistry registry, OnnxModelLoader loader, MeterRegistry meters, ScoringProperties properties) {
        this.registry = registry;
        this.loader = loader;
        this.meters = meters;
        this.properties = properties;
    }

    /** Starts the periodic registry check once the application is up; the first check runs at once. */
    @EventListener(ApplicationReadyEvent.class)
    void startChecks() {
        long interval = properties.registryCheckInterval().toMillis();
        checks.scheduleWithFixedDelay(this::checkQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
        serving.values().forEach(this::release);
        serving.clear();
        challengers.values().forEach(this::release);
        challengers.clear();
    }

    /**
     * Drops a reference to a model; the last one closes its session on the check thread, never on a request's:
     * closing a large session takes milliseconds, and the request that happens to end last must not pay for it.
     */
    private void release(ScoringModel model) {
        if (model.release()) {
            try {
                checks.execute(model::closeSession);
            } catch (RejectedExecutionException e) {
                model.closeSession(); // shutting down: no request is left to delay
            }
        }
    }

    /** Asks for a registry check now, off the caller's thread (the Kafka listener's, for example). */
    public void requestCheck() {
        if (checkRequested.compareAndSet(false, true)) {
            checks.execute(() -> {
                checkRequested.set(false);
                checkQuietly();
            });
        }
    }

    /**
     * Compares every portfolio's champion and challenger in the registry with the ones served and loads the new
     * ones. Runs on the check thread, one at a time.
     */
    public synchronized void check() {
        for (Map.Entry<String, Integer> champion :
                registry.aliasVersions(ModelAlias.CHAMPION).entrySet()) {
            checkChampion(champion.getKey(), champion.getValue());
        }
        checkChallengers(registry.aliasVersions(ModelAlias.CHALLENGER));
        checkedOnce = true;
    }

    private void checkChampion(String portfolio, int version) {
        champions.put(portfolio, version);
        registerGauges(portfolio);
        ScoringModel current = serving.get(portfolio);
        if (current != null && current.version() == version) {
            return;
        }
        String key = portfolio + " v" + version;
        if (unloadable.contains(key)) {
            return;
        }
        try {
            Instant started = Instant.now();
            long start = System.nanoTime();
            ScoringModel loaded = loadOrTakeOver(portfolio, version, challengers);
            ScoringModel old = serving.put(portfolio, loaded);
            Swap swap = new Swap(loaded.version(), started, Instant.now());
            swaps.put(portfolio, swap);
            loadTimer(portfolio).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            log.info(
                    "Now serving {} (was {}), read, checked and warmed up in {} ms",
                    loaded,
                    old == null ? "nothing" : old,
                    swap.loading().toMillis());
            if (old != null) {
                release(old);
            }
        } catch (ModelLoadException e) {
            unloadable.add(key);
            meters.counter("scoring.model.load.failures", "portfolio", portfolio)
                    .increment();
            log.error(
                    "Cannot load champion {}; still serving {}: {}",
                    key,
                    current == null ? "nothing" : current,
                    e.getMessage(),
                    e);
        }
    }

    /**
     * Loads each portfolio's challenger that is not served yet, and retires those the registry no longer names, or
     * names as champion too (a model shadowing itself tells nothing). A portfolio without a champion gets none.
     */
    private void checkChallengers(Map<String, Integer> wanted) {
        for (Map.Entry<String, ScoringModel> served : challengers.entrySet()) {
            Integer version = wanted.get(served.getKey());
            if ((version == null || version.equals(champions.get(served.getKey())))
                    && challengers.remove(served.getKey(), served.getValue())) {
                log.info("No challenger to shadow score {} with any more (was {})", served.getKey(), served.getValue());
                release(served.getValue());
            }
        }
        for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
            String portfolio = entry.getKey();
            int version = entry.getValue();
            Integer champion = champions.get(portfolio);
            if (champion == null || champion == version) {
                continue;
            }
            registerChallengerGauges(portfolio);
            ScoringModel current = challengers.get(portfolio);
            String key = portfolio + " v" + version;
            if ((current != null && current.version() == version) || unloadable.contains(key)) {
                continue;
            }
            try {
                ScoringModel loaded = loadOrTakeOver(portfolio, version, serving);
                ScoringModel old = challengers.put(portfolio, loaded);
                log.info("Now shadow scoring with challenger {} (was {})", loaded, old == null ? "nothing" : old);
                if (old != null) {
                    release(old);
                }
            } catch (ModelLoadException e) {
                unloadable.add(key);
                meters.counter("scoring.shadow.model.load.failures", "portfolio", portfolio)
                        .increment();
                log.error("Cannot load challenger {}; no shadow scoring with it: {}", key, e.getMessage(), e);
            }
        }
    }

    /**
     * The version, ready to score: the model the other alias serves when it is that version (a promotion from
     * challenger to champion, or back), taken with a reference of its own; else read, checked and warmed up.
     */
    private ScoringModel loadOrTakeOver(String portfolio, int version, Map<String, ScoringModel> otherAlias) {
        ScoringModel served = otherAlias.get(portfolio);
        if (served != null && served.version() == version && served.tryAcquire()) {
            return served;
        }
        return load(portfolio, version);
    }

    /**
     * Reads a version from the registry, which checks the artifact against its recorded SHA-256, and loads it. A
     * version that is missing or whose bytes changed cannot serve: neither will change on a retry.
     */
    private ScoringModel load(String portfolio, int version) {
        ModelArtifact artifact;
        ModelVersionDetails details;
        try {
            artifact = registry.artifact(portfolio, version);
            details = registry.details(portfolio, version)
                    .orElseThrow(() -> ModelVersionNotFoundException.of(portfolio, version));
        } catch (ModelVersionNotFoundException | ArtifactIntegrityException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        return loader.load(artifact, details.pipelineJson(), details.schemaJson());
    }

    private void checkQuietly() {
        try {
            check();
        } catch (DataAccessException e) {
            log.warn("Registry check failed, will retry: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Registry check failed, will retry", e);
        }
    }

    /**
     * Takes the portfolio's champion for one request; the caller must close the lease when done. Empty when
     * the portfolio has no champion loaded.
     */
    public Optional<ModelLease> lease(String portfolio) {
        while (true) {
            ScoringModel model = serving.get(portfolio);
            if (model == null) {
                return Optional.empty();
            }
            if (model.tryAcquire()) {
                return Optional.of(new ModelLease(model, this::release));
            }
            // retired between the read and the acquire: the map already holds its successor
        }
    }

    /**
     * Takes the portfolio's challenger for one shadow scoring; the caller must close the lease when done. Empty
     * when the portfolio has no challenger loaded (or its challenger is its champion).
     */
    public Optional<ModelLease> leaseChallenger(String portfolio) {
        while (true) {
            ScoringModel model = challengers.get(portfolio);
            if (model == null) {
                return Optional.empty();
            }
            if (model.tryAcquire()) {
                return Optional.of(new ModelLease(model, this::release));
            }
        }
    }

    /** Whether a challenger is loaded for the portfolio: one map read, cheap enough for every request. */
    public boolean hasChallenger(String portfolio) {
        return challengers.containsKey(portfolio);
    }

    /** Portfolio to the challenger version shadow scoring, for health details. */
    public Map<String, Integer> challengerVersions() {
        Map<String, Integer> versions = new TreeMap<>();
        challengers.forEach((p, m) -> versions.put(p, m.version()));
        return versions;
    }

    /** The last swap of the portfolio's model: when its loading began and when it replaced the previous one. */
    public Optional<Swap> lastSwap(String portfolio) {
        return Optional.ofNullable(swaps.get(portfolio));
    }

    /**
     * One version taking over a portfolio.
     *
     * @param version the version now served
     * @param loadingStarted when the check began reading it from the registry
     * @param served when it replaced the previous version (requests that began after this use it)
     */
    public record Swap(int version, Instant loadingStarted, Instant served) {

        /** Reading, checking and warming the version up: what requests must never wait for. */
        public Duration loading() {
            return Duration.between(loadingStarted, served);
        }
    }

    /** Whether the registry names a champion for the portfolio (loaded or not). */
    public boolean hasChampion(String portfolio) {
        return champions.containsKey(portfolio);
    }

    /** Ready once the registry has been read and every portfolio with a champion has a model serving. */
    public boolean ready() {
        return checkedOnce && champions.keySet().stream().allMatch(serving::containsKey);
    }

    /** Portfolio to served version, for health details. */
    public Map<String, Integer> servedVersions() {
        Map<String, Integer> versions = new TreeMap<>();
        serving.forEach((p, m) -> versions.put(p, m.version()));
        return versions;
    }

    /** Portfolios whose registry champion is not the version served. */
    public Map<String, Integer> pendingChampions() {
        Map<String, Integer> pending = new TreeMap<>();
        champions.forEach((p, v) -> {
            ScoringModel m = serving.get(p);
            if (m == null || m.version() != v) {
                pending.put(p, v);
            }
        });
        return pending;
    }

    private Timer loadTimer(String portfolio) {
        return Timer.builder("scoring.model.load")
                .description("Reading, checking and warming up a new champion before it is swapped in")
                .tag("portfolio", portfolio)
                .register(meters);
    }

    private void registerGauges(String portfolio) {
        if (gauged.add(portfolio)) {
            Gauge.builder("scoring.model.version", this, m -> {
                        ScoringModel model = m.serving.get(portfolio);
                        return model == null ? Double.NaN : model.version();
                    })
                    .tag("portfolio", portfolio)
                    .description("Registry version of the model serving the portfolio")
                    .register(meters);
            Gauge.builder("scoring.model.stale", this, m -> {
                        Integer wanted = m.champions.get(portfolio);
                        ScoringModel model = m.serving.get(portfolio);
                        return wanted != null && (model == null || model.version() != wanted) ? 1 : 0;
                    })
                    .tag("portfolio", portfolio)
                    .description("1 while the registry's champion cannot be served (an alert condition)")
                    .register(meters);
            Counter.builder("scoring.model.load.failures")
                    .tag("portfolio", portfolio)
                    .description("Champion versions that could not be loaded")
                    .register(meters);
        }
    }

    private void registerChallengerGauges(String portfolio) {
        if (challengerGauged.add(portfolio)) {
            Gauge.builder("scoring.shadow.model.version", this, m -> {
                        ScoringModel model = m.challengers.get(portfolio);
                        return model == null ? Double.NaN : model.version();
                    })
                    .tag("portfolio", portfolio)
                    .description("Registry version of the challenger shadow scoring the portfolio (NaN: none)")
                    .register(meters);
            Counter.builder("scoring.shadow.model.load.failures")
                    .tag("portfolio", portfolio)
                    .description("Challenger versions that could not be loaded")
                    .register(meters);
        }
    }

    /** One request's hold on a model: the model stays open until every lease on it is closed. */
    public static final class ModelLease implements AutoCloseable {

        private final ScoringModel model;
        private final Consumer<ScoringModel> release;
        private boolean closed;

        ModelLease(ScoringModel model, Consumer<ScoringModel> release) {
            this.model = model;
            this.release = release;
        }

        public ScoringModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release.accept(model);
            }
        }
    }
}
