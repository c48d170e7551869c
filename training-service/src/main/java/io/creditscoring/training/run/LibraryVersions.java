package io.creditscoring.training.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of the code and model libraries, read from the jars' Maven metadata, for lineage. */
final class LibraryVersions {

    private static final Map<String, String> VERSIONS = read();

    private LibraryVersions() {}

    static Map<String, String> all() {
        return VERSIONS;
    }

    private static Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("training-service", version("io.creditscoring", "training-service"));
        out.put("smile-core", orElse(version("com.github.haifengl", "smile-core"), smile.classification.MLP.class));
        out.put("xgboost4j", orElse(version("ml.dmlc", "xgboost4j_2.12"), ml.dmlc.xgboost4j.java.Booster.class));
        out.put("java", System.getProperty("java.version"));
        return out;
    }

    /** The jar manifest's Implementation-Version when the Maven metadata is absent. */
    private static String orElse(String version, Class<?> fromJar) {
        if (!version.equals("unknown")) {
            return version;
        }
        String manifest = fromJar.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }

    private static String version(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
