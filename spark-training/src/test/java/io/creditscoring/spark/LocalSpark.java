package io.creditscoring.spark;

import org.apache.spark.sql.SparkSession;

/** A test's Spark session in this JVM: no UI, on the loopback address, a few shuffle partitions. */
final class LocalSpark {

    private LocalSpark() {}

    static SparkSession.Builder builder(String app, int cores, int shufflePartitions) {
        return SparkSession.builder()
                .master("local[" + cores + "]")
                .appName(app)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
    }
}
