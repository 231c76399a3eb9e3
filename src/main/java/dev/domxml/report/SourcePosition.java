package dev.domxml.report;

/** Where something was written: a file plus 1-based line and column, when the reader knows them. */
public record SourcePosition(String file, int line, int column) {

    public static SourcePosition ofFile(String file) {
        return new SourcePosition(file, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    public SourcePosition inFile(String newFile) {
        return new SourcePosition(newFile, line, column);
    }

    /** Compiler style: {@code FILE:LINE:COL}, or just {@code FILE} when the line is unknown. */
    @Override
    public String toString() {
        return hasLine() ? file + ":" + line + ":" + column : file;
    }
}
