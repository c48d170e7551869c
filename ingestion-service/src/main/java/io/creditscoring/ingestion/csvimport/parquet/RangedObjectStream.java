package io.creditscoring.ingestion.csvimport.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Parquet's seekable stream over an object, by ranged GETs. A seek only moves the position; the next read asks the
 * store for the bytes from there: as many as the read wants (Parquet reads a footer or a row group's column chunks
 * with one {@code readFully}), at least {@link #MIN_RANGE}, never past the end. A short forward seek within the
 * range already open skips ahead instead of starting another request. Parquet's {@link
 * DelegatingSeekableInputStream} turns its byte-buffer reads into the plain reads implemented here.
 */
final class RangedObjectStream extends DelegatingSeekableInputStream {

    /** The smallest range asked for, so that many small reads (page headers) do not each cost a request. */
    static final int MIN_RANGE = 1 << 20;

    /** A forward seek of at most this many bytes reads through the open range rather than opening another. */
    static final int SKIP_WITHIN = 256 << 10;

    private final Ranges ranges;

    RangedObjectStream(S3Client store, String bucket, String key, String eTag, long length) {
        this(new Ranges(store, bucket, key, eTag, length));
    }

    private RangedObjectStream(Ranges ranges) {
        super(ranges);
        this.ranges = ranges;
    }

    @Override
    public long getPos() {
        return ranges.position;
    }

    @Override
    public void seek(long newPos) throws IOException {
        if (newPos < 0 || newPos > ranges.length) {
            throw new EOFException("cannot seek to " + newPos + " in an object of " + ranges.length + " bytes");
        }
        ranges.position = newPos;
    }

    /** How many GET requests this stream made: each one a range of the object. */
    int requests() {
        return ranges.requests;
    }

    /** The object's bytes from {@link #position}, one open ranged GET at a time. */
    private static final class Ranges extends InputStream {

        private final S3Client store;
        private final String bucket;
        private final String key;
        private final String eTag;
        private final long length;
        private long position;
        private ResponseInputStream<GetObjectResponse> open;
        /** The offset of the next byte {@link #open} gives. */
        private long openAt;
        /** The end (exclusive) of the range {@link #open} covers. */
        private long openEnd;

        private int requests;

        Ranges(S3Client store, String bucket, String key, String eTag, long length) {
            this.store = store;
            this.bucket = bucket;
            this.key = key;
            this.eTag = eTag;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            InputStream from = rangeFor(len);
            int n = from.read(buffer, offset, (int) Math.min(len, openEnd - position));
            if (n < 0) {
                throw new EOFException("the object store ended the range at " + openAt + " before its end " + openEnd);
            }
            position += n;
            openAt += n;
            return n;
        }

        private InputStream rangeFor(int wanted) throws IOException {
            if (open != null && position != openAt) {
                long ahead = position - openAt;
                if (ahead > 0 && ahead <= SKIP_WITHIN && position < openEnd) {
                    open.skipNBytes(ahead);
                    openAt = position;
                } else {
                    closeOpen();
                }
            }
            if (open != null && openAt >= openEnd) {
                closeOpen();
            }
            if (open == null) {
                long from = position;
                long end = Math.min(length, from + Math.max(wanted, MIN_RANGE));
                open = store.getObject(b -> b.bucket(bucket)
                        .key(key)
                        .range("bytes=" + from + "-" + (end - 1))
                        .ifMatch(eTag));
                requests++;
                openAt = from;
                openEnd = end;
            }
            return open;
        }

        private void closeOpen() throws IOException {
            if (open == null) {
                return;
            }
            if (openAt < openEnd) {
                // unread bytes: drop the connection rather than read the rest of the range to reuse it
                open.abort();
            }
            open.close();
            open = null;
        }

        @Override
        public void close() throws IOException {
            closeOpen();
        }
    }
}
