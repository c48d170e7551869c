package io.creditscoring.ingestion.benchmark;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * End-to-end ingestion benchmark (not a test; run by {@code ingestion-service/benchmark.sh}). Starts a real
 * PostgreSQL (embedded binaries) and a real KRaft broker, the ingestion service with its production
 * configuration, then publishes N applications built from the Taiwan rows with fresh ids, and measures how fast
 * they are validated and stored.
 *
 * <p>Modes: {@code drain} publishes everything first, then starts the consumers and times them alone;
 * {@code concurrent} starts the consumers first and times from the first publish to the last stored row.
 *
 * <p>Arguments: {@code [records (1000000)] [mode (drain|concurrent)]}.
 */
public final class IngestionBenchmark {

    private IngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String mode = args.length > 1 ? args[1] : "drain";
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);

        List<String> rows = taiwanFeatureJson();
        String bootstrap = SharedKafka.bootstrapServers();
        ConfigurableApplicationContext context = null;
        try {
            context = IngestionServiceApplication.builder()
                    .web(WebApplicationType.NONE)
                    .run(
                            "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                            "--spring.datasource.username=" + SharedPostgres.username(),
                            "--spring.datasource.password=" + SharedPostgres.password(),
                            "--spring.kafka.bootstrap-servers=" + bootstrap,
                            "--ingestion.consumer.auto-startup=false",
                            "--logging.level.org.apache.kafka=WARN",
                            "--logging.level.kafka=WARN",
                            "--logging.level.org.springframework.kafka=WARN");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            KafkaListenerEndpointRegistry listeners = context.getBean(KafkaListenerEndpointRegistry.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);

            System.out.println("postgres: " + jdbc.sql("""
                            select version() || '; collate ' || (select datcollate from pg_database
                                where datname = current_database())
                                || '; fsync ' || current_setting('fsync')
                                || '; synchronous_commit ' || current_setting('synchronous_commit')
                                || '; shared_buffers ' || current_setting('shared_buffers')
                            """).query(String.class).single());
            long start;
            long published;
            if (mode.equals("concurrent")) {
                listeners.getListenerContainers().forEach(c -> c.start());
                start = System.nanoTime();
                published = publish(bootstrap, run, rows, records);
            } else {
                long publishStart = System.nanoTime();
                publish(bootstrap, run, rows, records);
                published = System.nanoTime();
                System.out.printf(
                        "published %,d records in %.1f s (%.0f/s)%n",
                        records, seconds(publishStart, published), records / seconds(publishStart, published));
                start = System.nanoTime();
                listeners.getListenerContainers().forEach(c -> c.start());
            }
            double cpuStart = cpuSeconds();
            long gcStart = gcMillis();
            double postgresCpuStart = postgresCpuSeconds();
            double lastReport = 0;
            while (stored(meters) < records) {
                TimeUnit.MILLISECONDS.sleep(100);
                double elapsed = seconds(start, System.nanoTime());
                if (elapsed - lastReport >= 5) {
                    lastReport = elapsed;
                    System.out.printf("  %.0f s: %,.0f stored%n", elapsed, stored(meters));
                }
            }
            long end = System.nanoTime();
            double cpu = cpuSeconds() - cpuStart;
            long gc = gcMillis() - gcStart;
            double postgresCpu = postgresCpuSeconds() - postgresCpuStart;
            long count = jdbc.sql("select count(*) from ingestion.applications where application_id like ?")
                    .param(run + "-%")
                    .query(Long.class)
                    .single();
            Timer write = meters.find("ingestion.batch.write")
                    .tag("topic", Topics.APPLICATIONS)
                    .timer();
            System.out.printf(
                    "%nmode=%s records=%,d stored(rows in table)=%,d%n"
                            + "end-to-end: %.1f s, %.0f records/s%n"
                            + "batches: %d, mean write %.1f ms, max %.1f ms%n"
                            + "CPU (this JVM with broker and service, plus PostgreSQL): %.1f s = %.0f us/record"
                            + " (PostgreSQL %.0f us/record);"
                            + " if it had both cores to itself: %.0f records/s%n"
                            + "heap: max %d MB, peak used %d MB, GC %d ms; cores: %d; load average %s%n",
                    mode,
                    records,
                    count,
                    seconds(start, end),
                    records / seconds(start, end),
                    write.count(),
                    write.mean(TimeUnit.MILLISECONDS),
                    write.max(TimeUnit.MILLISECONDS),
                    cpu,
                    cpu * 1e6 / records,
                    postgresCpu * 1e6 / records,
                    records / (cpu / Runtime.getRuntime().availableProcessors()),
                    Runtime.getRuntime().maxMemory() >> 20,
                    peakHeapUsed() >> 20,
                    gc,
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            if (context != null) {
                context.close();
            }
            System.exit(0);
        }
    }

    private static double stored(MeterRegistry meters) {
        return meters.find("ingestion.records.stored").tag("topic", Topics.APPLICATIONS).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static long publish(String bootstrap, String run, List<String> rows, int records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        String submittedAt = Instant.now().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                String id = run + "-" + i;
                String payload = "{\"applicationId\":\"" + id + "\",\"portfolio\":\"taiwan-cards\",\"submittedAt\":\""
                        + submittedAt + "\",\"features\":" + rows.get(i % rows.size()) + "}";
                producer.send(new ProducerRecord<>(Topics.APPLICATIONS, id, payload));
            }
            producer.flush();
        }
        return System.nanoTime();
    }

    /** The Taiwan rows' features as JSON objects (numbers as numbers, categories as text). */
    private static List<String> taiwanFeatureJson() throws Exception {
        List<String> rows = new ArrayList<>(SampleData.TAIWAN_CARDS.rows());
        try (CSVParser parser = CSVParser.builder()
                .setReader(new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                Map<String, Object> features = new LinkedHashMap<>();
                for (String column : header) {
                    if (column.equals("ID") || column.equals("defaulted")) {
                        continue;
                    }
                    String value = record.get(column);
                    features.put(
                            column,
                            switch (column) {
                                case "SEX", "EDUCATION", "MARRIAGE" -> value;
                                default -> new BigDecimal(value).stripTrailingZeros();
                            });
                }
                rows.add(CreditJson.json().writeValueAsString(features));
            }
        }
        return rows;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** CPU time of this JVM (broker, service) and of the PostgreSQL server with its backends. */
    private static double cpuSeconds() {
        return cpu(ProcessHandle.current()) + postgresCpuSeconds();
    }

    /**
     * CPU time of the benchmark's PostgreSQL server and its backends, read from /proc: the postmaster is found by
     * its port argument (pg_ctl detaches it from this JVM), the backends by their parent.
     */
    private static double postgresCpuSeconds() {
        String port = "-p\0" + SharedPostgres.server().getPort() + "\0";
        Map<Long, long[]> stats = new HashMap<>(); // pid -> {ppid, utime + stime}
        long postmaster = -1;
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    stats.put(pid, new long[] {
                        Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    });
                    String cmdline = Files.readString(dir.resolve("cmdline"));
                    if (cmdline.contains("postgres") && cmdline.contains(port)) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        long ticks = 0;
        for (Map.Entry<Long, long[]> entry : stats.entrySet()) {
            if (entry.getKey() == postmaster || entry.getValue()[0] == postmaster) {
                ticks += entry.getValue()[1];
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L) / 1e9;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> gc.getCollectionTime())
                .sum();
    }

    private static long peakHeapUsed() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
