package io.creditscoring.ingestion.csvimport;

import io.creditscoring.web.ApiProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An object named by an import request, {@code s3://bucket/key}. Only the {@code s3} scheme is read; anything else
 * (a local path, {@code http://}, {@code file:}) is refused, so a request can never make the service read from
 * a place of its choosing.
 *
 * @param bucket the bucket
 * @param key the object's key, without a leading slash
 */
record ObjectLocation(String bucket, String key) {

    static ObjectLocation parse(String source) {
        if (source == null || source.isBlank()) {
            throw ApiProblemException.badRequest("source is required: s3://bucket/key");
        }
        URI uri;
        try {
            uri = new URI(source.trim());
        } catch (URISyntaxException e) {
            throw ApiProblemException.badRequest("source is not a URI: s3://bucket/key expected");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("s3")) {
            throw ApiProblemException.badRequest(
                    "source must be an s3://bucket/key URI; scheme '" + uri.getScheme() + "' is not read");
        }
        String bucket = uri.getAuthority();
        String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (bucket == null
                || bucket.isBlank()
                || key.isBlank()
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw ApiProblemException.badRequest("source must be s3://bucket/key, with a bucket and a key");
        }
        return new ObjectLocation(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
