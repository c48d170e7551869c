package io.creditscoring.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The driver's split (each application's part and fold) as a distributed table of {@code (id, part, fold, row
 * index)}, to be joined onto the rows.
 *
 * <p>A {@code createDataFrame} of a driver-side list would hold one {@code Row} per application on the driver and
 * embed them all in the plan: at 10M applications that alone outgrew a 6 GiB driver. Instead the driver broadcasts
 * its arrays packed (the ids as one UTF-8 byte array with their end offsets, a byte per part and fold: 6 bytes per
 * application plus the id's characters), and each task builds the rows of its index range.
 */
final class SplitAssignment implements Serializable {

    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA = new StructType()
            .add(LabelledRowsReader.ID, DataTypes.StringType, false)
            .add(LabelledRowsReader.PART, DataTypes.IntegerType, false)
            .add(LabelledRowsReader.FOLD, DataTypes.IntegerType, false)
            .add(LabelledRowsReader.ROW_INDEX, DataTypes.IntegerType, false);

    private static final int ROWS_PER_SLICE = 500_000;

    private final byte[] idBytes;
    private final int[] idEnds;
    private final byte[] parts;
    private final byte[] folds;

    private SplitAssignment(byte[] idBytes, int[] idEnds, byte[] parts, byte[] folds) {
        this.idBytes = idBytes;
        this.idEnds = idEnds;
        this.parts = parts;
        this.folds = folds;
    }

    /** Packs the split: ids, parts and folds by the same index (a fold of -1 for a test row). */
    static SplitAssignment of(List<String> ids, byte[] parts, int[] folds) {
        if (ids.size() != parts.length || ids.size() != folds.length) {
            throw new IllegalArgumentException(ids.size() + " ids, " + parts.length + " parts, " + folds.length
                    + " folds: the split's arrays must have one entry per application");
        }
        long length = 0;
        for (String id : ids) {
            length += id.getBytes(StandardCharsets.UTF_8).length;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the application ids take " + length + " bytes, more than one array");
        }
        byte[] bytes = new byte[(int) length];
        int[] ends = new int[ids.size()];
        byte[] packedFolds = new byte[folds.length];
        int at = 0;
        for (int i = 0; i < ids.size(); i++) {
            byte[] id = ids.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(id, 0, bytes, at, id.length);
            at += id.length;
            ends[i] = at;
            if (folds[i] < -1 || folds[i] > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("fold " + folds[i] + " of row " + i + " is out of range");
            }
            packedFolds[i] = (byte) folds[i];
        }
        return new SplitAssignment(bytes, ends, parts.clone(), packedFolds);
    }

    int size() {
        return idEnds.length;
    }

    /** The row of application {@code i}: its id, part, fold and {@code i}. */
    Row row(int i) {
        int start = i == 0 ? 0 : idEnds[i - 1];
        String id = new String(idBytes, start, idEnds[i] - start, StandardCharsets.UTF_8);
        return RowFactory.create(id, (int) parts[i], (int) folds[i], i);
    }

    /** The split as a distributed table ({@link #SCHEMA}), its rows built by the tasks from the broadcast arrays. */
    Dataset<Row> dataset(SparkSession spark) {
        Broadcast<SplitAssignment> shared =
                spark.sparkContext().broadcast(this, scala.reflect.ClassTag$.MODULE$.apply(SplitAssignment.class));
        int slices = Math.max(spark.sparkContext().defaultParallelism(), size() / ROWS_PER_SLICE + 1);
        JavaRDD<Row> rows = spark.range(0, size(), 1, slices).javaRDD().mapPartitions((Iterator<Long> indices) -> {
            SplitAssignment split = shared.value();
            return new Iterator<Row>() { // one row at a time: a task never holds its slice's rows

                @Override
                public boolean hasNext() {
                    return indices.hasNext();
                }

                @Override
                public Row next() {
                    return split.row(indices.next().intValue());
                }
            };
        });
        return spark.createDataFrame(rows, SCHEMA);
    }
}
