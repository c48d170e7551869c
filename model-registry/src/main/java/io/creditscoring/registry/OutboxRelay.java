package io.creditscoring.registry;

import io.creditscoring.lifecycle.PeriodicTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the registry's outbox to Kafka: at least once, in outbox order, never lost.
 *
 * <p>Each row is handled in its own transaction: lock the oldest unpublished row, send it, wait for the broker's
 * acknowledgement, and only then mark it published and commit. A send that fails or times out rolls the
 * transaction back, so the row stays unpublished and is sent on a later pass; the pass stops there to keep the
 * order. A crash after the acknowledgement but before the commit sends the row again on restart: consumers
 * de-duplicate by the {@value #OUTBOX_ID_HEADER} header (and the PROMOTED consumer is idempotent anyway). Only one
 * relay works at a time across all services (a transaction-scoped advisory lock); the others skip the pass.
 */
public class OutboxRelay extends PeriodicTask implements AutoCloseable {

    /** Header carrying the outbox row id, the de-duplication key of every event the relay sends. */
    public static final String OUTBOX_ID_HEADER = "outbox-id";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x5245_4c41_5931L; // arbitrary, unique to the relay

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final Duration sendTimeout;
    /** Set by a stop: a pass in progress ends after the row it is sending, instead of being interrupted. */
    private volatile boolean stopping;

    public OutboxRelay(
            DataSource dataSource, KafkaTemplate<String, String> kafka, Duration sendTimeout, Duration interval) {
        super("registry-outbox-relay", interval, interval, sendTimeout.plusSeconds(1));
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
    }

    /**
     * One pass: publishes unpublished rows, oldest first, up to {@code limit}; stops at the first failure.
     *
     * @return how many rows were published and marked
     */
    public int relay(int limit) {
        int published = 0;
        AtomicLong current = new AtomicLong(-1);
        try {
            while (published < limit && !stopping) {
                Boolean sent = transactions.execute(status -> relayOne(current));
                if (!Boolean.TRUE.equals(sent)) {
                    break;
                }
                published++;
            }
        } catch (RuntimeException e) {
            long id = current.get();
            log.warn("Outbox row {} not published, will retry: {}", id, e.toString());
            if (id >= 0) {
                jdbc.sql("update registry.outbox set attempts = attempts + 1, last_error = ? where outbox_id = ?")
                        .params(abbreviate(e.toString()), id)
                        .update();
            }
        }
        return published;
    }

    /** Unpublished rows right now. */
    public long backlog() {
        return jdbc.sql("select count(*) from registry.outbox where published_at is null")
                .query(Long.class)
                .single();
    }

    private Boolean relayOne(AtomicLong current) {
        boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                .param(RELAY_LOCK)
                .query(Boolean.class)
                .single();
        if (!mine) {
            return false;
        }
        var row = jdbc.sql("select outbox_id, topic, message_key, payload::text from registry.outbox"
                        + " where published_at is null order by outbox_id limit 1 for update")
                .query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
        if (row.isEmpty()) {
            return false;
        }
        OutboxRow r = row.get();
        current.set(r.id());
        ProducerRecord<String, String> record = new ProducerRecord<>(r.topic(), r.key(), r.payload());
        record.headers().add(OUTBOX_ID_HEADER, Long.toString(r.id()).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing outbox row " + r.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge outbox row " + r.id(), e);
        }
        jdbc.sql("update registry.outbox set published_at = now(), attempts = attempts + 1, last_error = null"
                        + " where outbox_id = ?")
                .param(r.id())
                .update();
        return true;
    }

    private record OutboxRow(long id, String topic, String key, String payload) {}

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    @Override
    public synchronized void start() {
        stopping = false;
        super.start();
    }

    /** A pass of up to 100 rows. */
    @Override
    protected void runOnce() {
        try {
            relay(100);
        } catch (RuntimeException e) {
            // e.g. the database is unreachable: the rows stay in the outbox; the next pass tries again
            log.warn("Outbox relay pass failed, will retry: {}", e.toString());
        }
    }

    /** A pass in progress ends after the row it is sending; waits for it at most the send timeout and a second. */
    @Override
    public synchronized void stop() {
        if (isRunning()) {
            stopping = true;
        }
        super.stop();
    }

    /** Stops the relay and closes the producer behind its template. */
    @Override
    public void close() {
        stop();
        kafka.getProducerFactory().reset();
    }
}
