package io.creditscoring.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One real S3-compatible object store per test JVM, started on first use: S3Proxy (from Maven Central) serving
 * a filesystem blob store under a temporary directory on a free localhost port, with AWS signature V4
 * authentication, path-style addressing. Its Jetty is shaded inside the S3Proxy jar, so it does not meet the
 * services' Tomcat. Tests upload objects with {@link #client()} and point the service at {@link #endpoint()}.
 */
public final class SharedObjectStore {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-0123456789";
    public static final String REGION = "us-east-1";

    private static S3Proxy server;
    private static S3Client client;

    private SharedObjectStore() {}

    /** The store's endpoint, {@code http://127.0.0.1:<port>}. */
    public static synchronized URI endpoint() {
        if (server == null) {
            server = start();
        }
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** A client of the store with its credentials, for tests to create buckets and upload objects. */
    public static synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
        }
        return client;
    }

    /** Creates the bucket when absent. */
    public static void bucket(String bucket) {
        if (client().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            client().createBucket(b -> b.bucket(bucket));
        }
    }

    /** Stores an object, creating its bucket when absent. */
    public static void put(String bucket, String key, byte[] content) {
        bucket(bucket);
        client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    private static S3Proxy start() {
        try {
            Path root = Files.createTempDirectory("s3proxy-");
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(root.toString()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(proxy), "stop-s3proxy"));
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test object store (S3Proxy)", e);
        }
    }

    private static void stop(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // the JVM is exiting; nothing is left to clean up but the temporary directory
        }
    }
}
