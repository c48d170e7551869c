package io.creditscoring.model.portfolio;

import java.util.List;

/**
 * How a portfolio's files are laid out, for the CSV import.
 *
 * @param delimiter the field separator, a single character (comma when absent)
 * @param header whether the first line names the columns (true when absent)
 * @param columns the column names in order, required when there is no header row
 */
public record CsvLayout(String delimiter, Boolean header, List<String> columns) {

    public static final CsvLayout DEFAULT = new CsvLayout(",", true, List.of());

    public CsvLayout {
        delimiter = delimiter == null ? "," : delimiter;
        header = header == null || header;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public char delimiterChar() {
        return delimiter.charAt(0);
    }

    public boolean hasHeader() {
        return header;
    }
}
