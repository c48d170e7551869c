package io.creditscoring.ingestion.intake;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (PostgreSQL manual, "COPY", section "Binary Format"), streamed
 * into a {@link CopyIn} in chunks: a field is its length and its bytes, so text needs no escaping on this side and
 * no unescaping on the server's. Only the types the staging tables use: text, jsonb, integer, bigint, boolean.
 */
final class BinaryCopy {

    /** The signature that opens the stream; the flags and the header extension's length follow (zero both). */
    private static final byte[] SIGNATURE = "PGCOPY\n\u00ff\r\n\u0000".getBytes(StandardCharsets.ISO_8859_1);

    /** jsonb's binary form: a version byte, then the JSON text. */
    private static final byte JSONB_VERSION = 1;

    private static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private byte[] buffer = new byte[CHUNK + 1024];
    private int length;

    private BinaryCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts the stream: the caller adds the rows and then calls {@link #finish()}. */
    static BinaryCopy start(CopyIn copy) {
        BinaryCopy out = new BinaryCopy(copy);
        out.put(SIGNATURE, 0, SIGNATURE.length);
        out.putInt(0); // flags: no OIDs
        out.putInt(0); // no header extension
        return out;
    }

    /** Starts a row of {@code fields} fields. */
    BinaryCopy row(int fields) throws SQLException {
        if (length >= CHUNK) {
            flush();
        }
        putShort(fields);
        return this;
    }

    BinaryCopy text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        put(bytes, 0, bytes.length);
        return this;
    }

    BinaryCopy jsonb(String json) {
        if (json == null) {
            return nul();
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length + 1);
        ensure(1);
        buffer[length++] = JSONB_VERSION;
        put(bytes, 0, bytes.length);
        return this;
    }

    BinaryCopy int4(int value) {
        putInt(4);
        putInt(value);
        return this;
    }

    BinaryCopy int8(long value) {
        putInt(8);
        putInt((int) (value >>> 32));
        putInt((int) value);
        return this;
    }

    BinaryCopy bool(boolean value) {
        putInt(1);
        ensure(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    BinaryCopy nul() {
        putInt(-1);
        return this;
    }

    /** Ends the stream (the trailer) and the COPY. */
    long finish() throws SQLException {
        putShort(-1);
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    private void putShort(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void put(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + more)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }
}
