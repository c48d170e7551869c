package io.creditscoring.ingestion.csvimport.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns one column's typed values into the text a CSV export of the same data holds, so that a Parquet row goes
 * through exactly the validation a CSV row does: integers (signed or unsigned) and decimals in plain notation,
 * floats and doubles as Java prints them (the shortest text that reads back to the same value), booleans as
 * {@code true}/{@code false}, strings as they are. A null leaves the field empty, as in CSV.
 */
final class ColumnText extends PrimitiveConverter {

    private enum Kind {
        BOOLEAN,
        SIGNED,
        UNSIGNED,
        DECIMAL,
        FLOAT,
        DOUBLE,
        TEXT
    }

    private final String column;
    private final Kind kind;
    private final int scale;
    private final String[] row;
    private final int index;

    private ColumnText(String column, Kind kind, int scale, String[] row, int index) {
        this.column = column;
        this.kind = kind;
        this.scale = scale;
        this.row = row;
        this.index = index;
    }

    /**
     * The converter that writes a column's values into {@code row[index]}.
     *
     * @throws ParquetImportException for a column the import does not read: nested, repeated, or of a type that
     *     has no CSV spelling here (timestamps, INT96, UUIDs, ...)
     */
    static ColumnText of(Type field, String[] row, int index) {
        String name = field.getName();
        if (!field.isPrimitive()) {
            throw unsupported(name, "a nested group (a struct, list or map)");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(name, "a repeated field (a list)");
        }
        PrimitiveType type = field.asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        int scale =
                logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal ? decimal.getScale() : 0;
        Kind kind = switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> Kind.BOOLEAN;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            case INT32, INT64 -> integerKind(logical);
            case BINARY -> binaryKind(logical);
            case FIXED_LEN_BYTE_ARRAY ->
                logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.DECIMAL : null;
            case INT96 -> null;
        };
        if (kind == null) {
            throw unsupported(name, "of type " + type.getPrimitiveTypeName() + (logical == null ? "" : " " + logical));
        }
        return new ColumnText(name, kind, scale, row, index);
    }

    private static Kind integerKind(LogicalTypeAnnotation logical) {
        if (logical == null) {
            return Kind.SIGNED;
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer) {
            return integer.isSigned() ? Kind.SIGNED : Kind.UNSIGNED;
        }
        // dates, times and timestamps are not features; their CSV spelling would be a guess
        return logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.DECIMAL : null;
    }

    private static Kind binaryKind(LogicalTypeAnnotation logical) {
        // older writers (Hive, Impala) store strings as BINARY without the STRING annotation
        if (logical == null
                || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return Kind.TEXT;
        }
        return logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.DECIMAL : null;
    }

    private static ParquetImportException unsupported(String column, String what) {
        return new ParquetImportException("column '" + column + "' is " + what
                + ", which a Parquet import does not read: it reads numbers (integers, decimals, floats, doubles),"
                + " booleans and UTF-8 strings, one value per row");
    }

    @Override
    public void addBoolean(boolean value) {
        row[index] = Boolean.toString(value);
    }

    @Override
    public void addInt(int value) {
        row[index] = switch (kind) {
            case UNSIGNED -> Integer.toUnsignedString(value);
            case DECIMAL -> BigDecimal.valueOf(value, scale).toPlainString();
            default -> Integer.toString(value);
        };
    }

    @Override
    public void addLong(long value) {
        row[index] = switch (kind) {
            case UNSIGNED -> Long.toUnsignedString(value);
            case DECIMAL -> BigDecimal.valueOf(value, scale).toPlainString();
            default -> Long.toString(value);
        };
    }

    @Override
    public void addFloat(float value) {
        // Float's own spelling: 0.1f is "0.1", where widening to double would print 0.10000000149011612
        row[index] = Float.toString(value);
    }

    @Override
    public void addDouble(double value) {
        row[index] = Double.toString(value);
    }

    @Override
    public void addBinary(Binary value) {
        if (kind == Kind.DECIMAL) {
            row[index] = new BigDecimal(new BigInteger(value.getBytes()), scale).toPlainString();
            return;
        }
        ByteBuffer bytes = value.toByteBuffer();
        try {
            // strict, like the CSV import: bytes that are not UTF-8 are refused, never replaced
            row[index] = StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ParquetImportException("column '" + column + "' holds a value that is not UTF-8 text");
        }
    }
}
