package io.creditscoring.ingestion.csvimport.parquet;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A Parquet file in an object store, for Parquet's Hadoop-free reader. Parquet reads its footer at the end of the
 * file first and then the column chunks of one row group at a time, so the object is read by ranged GETs
 * ({@link RangedObjectStream}), never downloaded whole. Its length and ETag come from one HEAD request; every
 * ranged GET asks for that ETag, so an object replaced while it is read fails the import rather than mixing two
 * files.
 */
public final class ObjectStoreInputFile implements InputFile {

    private final S3Client store;
    private final String bucket;
    private final String key;
    private HeadObjectResponse head;

    public ObjectStoreInputFile(S3Client store, String bucket, String key) {
        this.store = store;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public long getLength() {
        return head().contentLength();
    }

    @Override
    public SeekableInputStream newStream() {
        return new RangedObjectStream(store, bucket, key, head().eTag(), getLength());
    }

    private HeadObjectResponse head() {
        if (head == null) {
            head = store.headObject(b -> b.bucket(bucket).key(key));
        }
        return head;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
