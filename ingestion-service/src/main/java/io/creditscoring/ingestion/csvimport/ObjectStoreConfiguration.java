package io.creditscoring.ingestion.csvimport;

import io.creditscoring.ingestion.IngestionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The object-store client, from {@code ingestion.object-store}. */
@Configuration(proxyBeanMethods = false)
class ObjectStoreConfiguration {

    @Bean(destroyMethod = "close")
    S3Client objectStoreClient(IngestionProperties properties) {
        IngestionProperties.ObjectStore store = properties.objectStore();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(store.region()))
                .forcePathStyle(store.pathStyle())
                // checksums only where S3 requires them: S3-compatible stores do not all know the newer ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(store));
        if (store.endpoint() != null) {
            builder.endpointOverride(store.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(IngestionProperties.ObjectStore store) {
        if (store.accessKey() == null || store.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (store.secretKey() == null || store.secretKey().isBlank()) {
            throw new IllegalStateException("ingestion.object-store.access-key is set without secret-key");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(store.accessKey(), store.secretKey()));
    }
}
