package io.creditscoring.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the training-service, under {@code training.*}. The hyper-parameters are the defaults of every
 * run; a run can override them by name (see {@code docs/training.md}), bound onto these same records and checked by
 * these same bounds ({@code RunSettings}).
 *
 * @param topicPartitions partitions of the topics this service creates
 * @param seed the seed of the split and of every trainer
 * @param minLabelledRows a run fails fast below this many labelled rows
 * @param minRowsPerClass a run fails fast below this many defaults or non-defaults
 * @param fetchSize rows fetched per round trip while streaming the training set
 * @param split the train/test split
 * @param preprocessing imputation, encoding and feature selection
 * @param evaluation decision threshold
 * @param crossValidation the k-fold cross-validation on the training rows that compares and selects the models
 * @param search the hyper-parameter search per algorithm, every trial scored by cross-validation
 * @param calibration the calibration of every model's probabilities, fitted on out-of-fold predictions
 * @param logisticRegression hyper-parameters of the logistic regression
 * @param xgboost hyper-parameters of XGBoost
 * @param neuralNetwork hyper-parameters of the neural network
 * @param schedule the periodic retrain
 * @param window how much recent data a retrain (a SCHEDULED or DRIFT run) learns from
 * @param referenceSampleSize training rows saved with each model version as the drift reference
 * @param queue the durable run queue: its bound and how often a run may be interrupted
 * @param worker the worker that executes queued runs: polling, lease and stop
 */
@Validated
@ConfigurationProperties("training")
public record TrainingProperties(
        @DefaultValue("2") @Min(1) int topicPartitions,
        @DefaultValue("42") long seed,
        @DefaultValue("200") @Min(10) int minLabelledRows,
        @DefaultValue("20") @Min(2) int minRowsPerClass,
        @DefaultValue("2000") @Min(1) int fetchSize,
        @DefaultValue @Valid Split split,
        @DefaultValue @Valid Preprocessing preprocessing,
        @DefaultValue @Valid Evaluation evaluation,
        @DefaultValue @Valid CrossValidation crossValidation,
        @DefaultValue @Valid Search search,
        @DefaultValue @Valid Calibration calibration,
        @DefaultValue @Valid LogisticRegression logisticRegression,
        @DefaultValue @Valid Xgboost xgboost,
        @DefaultValue @Valid NeuralNetwork neuralNetwork,
        @DefaultValue @Valid Schedule schedule,
        @DefaultValue @Valid Window window,
        @DefaultValue("50000") @Min(0) int referenceSampleSize,
        @DefaultValue @Valid Queue queue,
        @DefaultValue @Valid Worker worker,
        @DefaultValue @Valid Engine engine,
        @DefaultValue @Valid Spark spark) {

    /**
     * @param testShare share of rows in the test split, held out until the selected settings are refitted
     * @param outOfTime split by submission time (oldest rows train, newest test) when the times span enough
     * @param outOfTimeMinSpanDays the least span of submission times for an out-of-time split
     */
    public record Split(
            @DefaultValue("0.2") @DecimalMin("0.05") @DecimalMax("0.4")
            double testShare,

            @DefaultValue("false") boolean outOfTime,
            @DefaultValue("60") @Min(1) @Max(100_000) int outOfTimeMinSpanDays) {}

    /**
     * @param nearConstantShare a feature whose most frequent value covers at least this share of training rows is
     *     dropped
     * @param minCategoryRows a category seen in fewer training rows takes the unknown-category path
     * @param ivBins quantile bins of numeric features in the information-value table
     */
    public record Preprocessing(
            @DefaultValue("0.995") @DecimalMin("0.5") @DecimalMax("1.0")
            double nearConstantShare,

            @DefaultValue("5") @Min(1) @Max(1_000_000) int minCategoryRows,
            @DefaultValue("10") @Min(2) @Max(100) int ivBins) {}

    /**
     * @param threshold the probability at or above which an application is predicted to default; when absent, the
     *     threshold that maximises F1 on the out-of-fold predictions of the training rows
     */
    public record Evaluation(
            @DecimalMin("0.0") @DecimalMax("1.0") Double threshold) {}

    /**
     * @param folds stratified folds of the training rows; every algorithm is fitted once per fold and scored on the
     *     fold it did not see
     * @param standardErrors the simplicity preference: the simplest algorithm whose mean fold AUC is within this many
     *     standard errors of the best mean is selected (1 is the one-standard-error rule, 0 selects the best mean)
     * @param parallelism folds fitted at the same time; 0 means one per available processor (XGBoost fits, which
     *     use {@code xgboost.threads} each, share the processors between them)
     */
    public record CrossValidation(
            @DefaultValue("5") @Min(2) @Max(20) int folds,

            @DefaultValue("1.0") @DecimalMin("0.0") @DecimalMax("5.0")
            double standardErrors,

            @DefaultValue("0") @Min(0) @Max(64) int parallelism) {}

    /**
     * @param method {@code platt}: Platt scaling of each model's margin, fitted on the out-of-fold predictions of its
     *     best trial and written into the pipeline (and so the ONNX graph); {@code none}: the model's own probabilities
     * @param bins equal-width bins of the reliability diagram and the expected calibration error (ECE)
     */
    public record Calibration(
            @DefaultValue("platt") @Pattern(regexp = "platt|none", message = "must be platt or none")
            String method,

            @DefaultValue("10") @Min(2) @Max(100) int bins) {}

    /**
     * @param trials trials per algorithm, the first being the configured settings, the others drawn at random (seeded)
     *     from the search space (docs/training.md); 1 turns the search off
     * @param timeBudget per algorithm: no trial is started once this much time has been spent on the algorithm's
     *     trials (the first trial always runs); when it cuts the search short, the run records it
     */
    public record Search(
            @DefaultValue("8") @Min(1) @Max(200) int trials,
            @DefaultValue("120s") Duration timeBudget) {}

    /**
     * @param lambda L2 penalty
     * @param tolerance L-BFGS convergence tolerance
     * @param maxIterations L-BFGS iteration limit
     */
    public record LogisticRegression(
            @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1e6")
            double lambda,

            @DefaultValue("0.00001") @DecimalMin("0.0") @DecimalMax("1.0")
            double tolerance,

            @DefaultValue("200") @Min(1) @Max(100_000) int maxIterations) {}

    public record Xgboost(
            @DefaultValue("600") @Min(1) @Max(100_000) int maxRounds,
            @DefaultValue("30") @Min(1) @Max(10_000) int earlyStoppingRounds,

            @DefaultValue("logloss") @Pattern(regexp = "auc|logloss", message = "must be auc or logloss")
            String earlyStoppingMetric,

            @DefaultValue("0.05") @DecimalMin("0.001") @DecimalMax("1.0")
            double eta,

            @DefaultValue("6") @Min(1) @Max(16) int maxDepth,

            @DefaultValue("5") @DecimalMin("0.0") @DecimalMax("1e6")
            double minChildWeight,

            @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("1.0")
            double subsample,

            @DefaultValue("0.7") @DecimalMin("0.1") @DecimalMax("1.0")
            double colsampleBytree,

            @DefaultValue("10") @DecimalMin("0.0") @DecimalMax("1e6")
            double lambda,

            @DefaultValue("2") @Min(1) @Max(64) int threads,
            @DefaultValue("true") boolean monotoneConstraints) {}

    public record NeuralNetwork(
            @DefaultValue({"32", "16"}) @NotEmpty List<@Min(1) @Max(4096) Integer> hiddenLayers,

            @DefaultValue("relu") @Pattern(regexp = "relu|tanh|sigmoid", message = "must be relu, tanh or sigmoid")
            String activation,

            @DefaultValue("0.005") @DecimalMin("0.00001") @DecimalMax("1.0")
            double learningRate,

            @DefaultValue("0.0") @DecimalMin("0.0") @DecimalMax("0.99")
            double momentum,

            @DefaultValue("0.0001") @DecimalMin("0.0") @DecimalMax("1.0")
            double weightDecay,

            @DefaultValue("64") @Min(1) @Max(100_000) int batchSize,
            @DefaultValue("60") @Min(1) @Max(10_000) int maxEpochs,
            @DefaultValue("8") @Min(1) @Max(10_000) int patience) {}

    /**
     * @param cron when to publish a SCHEDULED training command for every listed portfolio ("-" disables it)
     * @param portfolios the portfolios retrained on schedule
     */
    public record Schedule(
            @DefaultValue("-") String cron,
            @DefaultValue({}) List<String> portfolios) {}

    /**
     * @param retrains a SCHEDULED or DRIFT run trains on the labelled applications whose outcome was observed in this
     *     period before the run was requested, so that a retrain learns from the present rather than from everything
     *     ever stored; {@code 0s} reads every labelled application. MANUAL runs always read every one.
     */
    public record Window(@DefaultValue("365d") Duration retrains) {

        /** The window of a run started for the given reason, or null for all labelled applications. */
        public Duration forReason(String reason) {
            boolean retrain = "SCHEDULED".equals(reason) || "DRIFT".equals(reason);
            return retrain && retrains.isPositive() ? retrains : null;
        }

        @AssertTrue(message = "training.window.retrains must not be negative")
        public boolean isNotNegative() {
            return !retrains.isNegative();
        }
    }

    /**
     * @param maxQueued the most runs waiting in the queue (all replicas together); a new run beyond it is refused
     *     (REST: 429) or, from a training command, retried until there is room
     * @param maxAttempts how many times a run may be started; a run interrupted (stop or crash) on its last attempt
     *     fails with the reason
     * @param retryAfter the Retry-After a refused request is given
     * @param commandRetryMaxInterval the longest wait between two tries of a training command held back by a full
     *     queue (the wait starts at 1 s and doubles)
     */
    public record Queue(
            @DefaultValue("20") @Min(1) int maxQueued,
            @DefaultValue("2") @Min(1) int maxAttempts,
            @DefaultValue("60s") Duration retryAfter,
            @DefaultValue("30s") Duration commandRetryMaxInterval) {}

    /**
     * @param pollInterval how often an idle worker looks for runs queued elsewhere (another replica, a re-queue);
     *     runs started on this instance wake it at once
     * @param heartbeatInterval how often the worker renews the lease of its run and looks for abandoned runs
     * @param leaseTimeout a RUNNING run whose lease was not renewed for this long belongs to a dead process: it is
     *     re-queued (or failed on its last attempt)
     * @param stopTimeout how long a stop waits for the run in progress to reach a checkpoint before it hands the run
     *     back itself
     */
    public record Worker(
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("30s") Duration leaseTimeout,
            @DefaultValue("10s") Duration stopTimeout) {

        /** A lease must outlive a few missed heartbeats (a long GC pause, a slow database). */
        @AssertTrue(message = "training.worker.lease-timeout must be at least three heartbeat intervals")
        public boolean isLeaseLongerThanHeartbeats() {
            return leaseTimeout.compareTo(heartbeatInterval.multipliedBy(3)) >= 0;
        }
    }

    /**
     * Which engine trains a run that does not name one: {@code defaultEngine}, or the portfolio's entry in
     * {@code portfolios} (portfolio name to {@code local} or {@code spark}).
     */
    public record Engine(
            @DefaultValue("local") @Pattern(regexp = "local|spark", message = "must be local or spark")
            String defaultEngine,

            Map<String, @Pattern(regexp = "local|spark", message = "must be local or spark") String> portfolios) {

        public Engine {
            portfolios = portfolios == null ? Map.of() : Map.copyOf(portfolios);
        }

        public String forPortfolio(String portfolio) {
            return portfolios.getOrDefault(portfolio, defaultEngine);
        }
    }

    /**
     * The Spark engine: how the training service starts the job (a JVM of its own on JDK 17, never inside the service).
     *
     * @param master the Spark master ({@code local[2]}, {@code spark://host:7077}, {@code k8s://...})
     * @param javaHome JDK 17's home; empty: {@code SPARK_JAVA_HOME}, {@code JAVA_HOME_17_X64}, then Debian's
     *     {@code /usr/lib/jvm/java-17-openjdk-amd64}
     * @param classpath the job's class path (the {@code spark-jar} profile's jar in a deployment); {@code @file} reads
     *     it from a file (what spark-training's default build writes to {@code target/job-classpath.txt})
     * @param workDir where each run's job gets a directory (schema, outputs, driver log); empty: the temp directory
     * @param keepJobOutputs keep a job's outputs once its run has read them (to inspect them); by default the run deletes
     *     them and keeps the driver log, which the runs API serves (the outputs grow with the rows: probability arrays
     *     and every trial's out-of-fold file)
     * @param jdbcUrl the database the job reads ingestion's tables from; empty: the service's own datasource
     * @param partitions the partitioned JDBC reads sharing the rows
     * @param xgboostWorkers the Spark tasks that fit XGBoost together
     * @param neuralNetworkWorkers the partitions of the network's synchronous data-parallel epochs
     * @param sampleSize the most test rows (ONNX parity gate, the champion's comparison) and training rows (drift
     *     reference sample) the job writes for the service as feature rows; everything else the service evaluates on
     *     comes as primitive arrays (and the information values as counts of all training rows by bin)
     * @param driverMemory the driver JVM's heap ({@code -Xmx}, which in {@code local[...]} holds the executors too)
     * @param timeout a job running longer is stopped and the run fails
     * @param logisticRegressionTolerance MLlib's L-BFGS convergence tolerance (the relative change of the loss, not
     *     the local engine's gradient norm, hence a setting of its own); each iteration is a Spark job
     * @param driverJavaOptions more options of the driver's JVM (garbage collector, JIT), after the service's own
     * @param sources which data sets at a path a run may name ({@code source} of a run request)
     * @param s3a how the job reaches the object store of {@code s3a://} sources
     */
    public record Spark(
            @DefaultValue("local[2]") @NotEmpty String master,
            @DefaultValue("") String javaHome,
            @DefaultValue("") String classpath,
            @DefaultValue("") String workDir,
            @DefaultValue("false") boolean keepJobOutputs,
            @DefaultValue("") String jdbcUrl,
            @DefaultValue("4") @Min(1) @Max(10_000) int partitions,
            @DefaultValue("2") @Min(1) @Max(1_000) int xgboostWorkers,
            @DefaultValue("2") @Min(1) @Max(1_000) int neuralNetworkWorkers,
            @DefaultValue("50000") @Min(1) @Max(10_000_000) int sampleSize,
            @DefaultValue("1g") @NotEmpty String driverMemory,
            @DefaultValue("60m") Duration timeout,

            @DefaultValue("1e-6") @DecimalMin("0.0") @DecimalMax("1.0")
            double logisticRegressionTolerance,

            @DefaultValue List<String> driverJavaOptions,
            @DefaultValue @Valid Sources sources,
            @DefaultValue @Valid S3a s3a) {

        public Spark {
            driverJavaOptions = driverJavaOptions == null ? List.of() : List.copyOf(driverJavaOptions);
        }
    }

    /**
     * The data sets at a path that runs may read: none by default, so that a request cannot make the job read a
     * bucket or a directory nobody chose.
     *
     * @param allowedBuckets the buckets of {@code s3a://bucket/...} paths
     * @param allowedDirectories the local directories (absolute) under which {@code file:} paths may lie
     */
    public record Sources(
            @DefaultValue List<String> allowedBuckets,
            @DefaultValue List<String> allowedDirectories) {

        public Sources {
            allowedBuckets = allowedBuckets == null ? List.of() : List.copyOf(allowedBuckets);
            allowedDirectories = allowedDirectories == null ? List.of() : List.copyOf(allowedDirectories);
        }
    }

    /**
     * The object store of {@code s3a://} sources, as Hadoop's S3A connector in the job reaches it
     * ({@code spark.hadoop.fs.s3a.*}).
     *
     * @param endpoint the store's address, for example {@code http://minio:9000}; empty: AWS S3
     * @param region its signing region; empty: S3A's own choice
     * @param pathStyleAccess {@code bucket} in the path rather than the host name (MinIO, Ceph RGW, S3Proxy)
     * @param sslEnabled HTTPS to the store ({@code false} for a store on plain HTTP)
     * @param accessKey the access key; empty: Hadoop's credential chain (environment, instance profile)
     * @param secretKey the secret key; handed to the job in its environment, never on its command line
     */
    public record S3a(
            @DefaultValue("") String endpoint,
            @DefaultValue("") String region,
            @DefaultValue("false") boolean pathStyleAccess,
            @DefaultValue("true") boolean sslEnabled,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey) {

        /** Without the keys: a record's own toString would print them into any log it reached. */
        @Override
        public String toString() {
            return "S3a[endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
                    + ", sslEnabled=" + sslEnabled + ", accessKey=" + (accessKey.isEmpty() ? "" : "(set)") + "]";
        }
    }
}
