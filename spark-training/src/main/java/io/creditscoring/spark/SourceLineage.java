package io.creditscoring.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * What a run read from a data set at a path, cheaply: the files Spark read, their total size, the object's ETag when
 * the data set is one object of an object store, and a fingerprint of the whole listing (SHA-256 over each file's
 * path, size and ETag, or modification time where the file system keeps no ETag, in path order). The files' contents
 * are not hashed here: the training service hashes the rows read (the run's {@code datasetSha256}).
 */
final class SourceLineage {

    private SourceLineage() {}

    static ObjectNode of(JobArguments.Source source, List<String> inputFiles, long skipped, Configuration hadoop) {
        List<String> files = new ArrayList<>(inputFiles);
        files.sort(null);
        ObjectNode out = PipelineJson.MAPPER.createObjectNode();
        out.put("path", source.path());
        out.put("format", source.format());
        out.put("files", files.size());
        out.put("rowsSkipped", skipped);
        long bytes = 0;
        String etag = null;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                Path path = new Path(file);
                FileStatus status = path.getFileSystem(hadoop).getFileStatus(path);
                String version = status instanceof EtagSource tagged && tagged.getEtag() != null
                        ? tagged.getEtag()
                        : "mtime:" + status.getModificationTime();
                if (status instanceof EtagSource tagged && files.size() == 1) {
                    etag = tagged.getEtag();
                }
                bytes += status.getLen();
                digest.update((file + '\t' + status.getLen() + '\t' + version + '\n').getBytes(StandardCharsets.UTF_8));
            }
            out.put("bytes", bytes);
            if (etag != null) {
                out.put("etag", etag);
            }
            StringBuilder hex = new StringBuilder("sha256:");
            for (byte b : digest.digest()) {
                hex.append(String.format("%02x", b));
            }
            out.put("fingerprint", hex.toString());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data set " + source.path(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
