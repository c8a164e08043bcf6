package dev.concurrencybench.report.table;

import java.util.List;

/**
 * A table of strings. Immutable.
 *
 * @param header column names (with units)
 * @param rows   the rows
 */
public record Table(List<String> header, List<Row> rows) {

    /**
     * One row.
     *
     * @param cells      one string per column
     * @param invalid    the measurement is invalid or missing: shown in red
     * @param instrument the row is the driver's own floor, not a server
     */
    public record Row(List<String> cells, boolean invalid, boolean instrument) {
    }
}
