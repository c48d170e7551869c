package io.creditscoring.ingestion.csvimport.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.testsupport.SharedObjectStore;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The seekable stream over ranged GETs, against a real S3-compatible store (S3Proxy on localhost). */
class RangedObjectStreamTest {

    private static final String BUCKET = "ranged-reads";
    private static final int SIZE = 3 * RangedObjectStream.MIN_RANGE + 12_345;

    private static byte[] object(String key) {
        byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        SharedObjectStore.put(BUCKET, key, bytes);
        return bytes;
    }

    private static RangedObjectStream open(String key) {
        return (RangedObjectStream) new ObjectStoreInputFile(SharedObjectStore.client(), BUCKET, key).newStream();
    }

    @Test
    void readsTheTailAndThenRangesElsewhereWithoutFetchingTheRest() throws Exception {
        byte[] bytes = object("ranges.bin");
        try (RangedObjectStream in = open("ranges.bin")) {
            // as Parquet begins: the last eight bytes (footer length and magic)
            in.seek(SIZE - 8);
            byte[] tail = new byte[8];
            in.readFully(tail);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(bytes, SIZE - 8, SIZE));
            assertThat(in.requests()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(-1);

            // then a row group's chunks near the start, into a byte buffer as Parquet reads them
            in.seek(1000);
            ByteBuffer chunk = ByteBuffer.allocate(5000);
            in.readFully(chunk);
            assertThat(chunk.array()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 6000));
            assertThat(in.getPos()).isEqualTo(6000);
            assertThat(in.requests()).isEqualTo(2);

            // a short skip forward reads on through the range already open
            in.seek(10_000);
            assertThat(in.read()).isEqualTo(bytes[10_000] & 0xff);
            assertThat(in.requests()).isEqualTo(2);

            // a read longer than the smallest range gets one range of its own length
            in.seek(100);
            byte[] large = new byte[2 * RangedObjectStream.MIN_RANGE];
            in.readFully(large);
            assertThat(large).isEqualTo(Arrays.copyOfRange(bytes, 100, 100 + large.length));
            assertThat(in.requests()).isEqualTo(3);
        }
    }

    @Test
    void readingPastTheEndIsAnEofAndSeekingOutsideIsRefused() throws Exception {
        object("ends.bin");
        try (RangedObjectStream in = open("ends.bin")) {
            in.seek(SIZE - 4);
            assertThatThrownBy(() -> in.readFully(new byte[8])).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> in.seek(SIZE + 1)).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> in.seek(-1)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void anObjectReplacedWhileItIsReadIsRefusedRatherThanMixed() throws Exception {
        object("replaced.bin");
        try (RangedObjectStream in = open("replaced.bin")) {
            in.seek(0);
            in.readFully(new byte[10]);
            SharedObjectStore.put(BUCKET, "replaced.bin", new byte[SIZE]);

            in.seek(SIZE - 10);
            assertThatThrownBy(() -> in.readFully(new byte[10]))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        }
    }
}
