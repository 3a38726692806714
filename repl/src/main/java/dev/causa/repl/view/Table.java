package dev.causa.repl.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, the last column left unpadded; bold header on ANSI. */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) row.add(cell == null ? "-" : String.valueOf(cell));
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, boolean ansi) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], visible(row.get(i)));
        }
        String header = line(headers, widths);
        out.println(ansi ? Style.BOLD + header + Style.RESET : header);
        for (List<String> row : rows) out.println(line(row, widths));
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append("  ");
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) line.append(" ".repeat(widths[i] - visible(cell)));
        }
        return line.toString().stripTrailing();
    }

    /** The width a cell takes on screen: colour codes take none. */
    private static int visible(String cell) {
        return cell.indexOf('\u001b') < 0 ? cell.length() : cell.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
