package dev.causa.plugins.files;

/** Where a copy or move stands: the next plan entry, and the totals so far. */
public record TransferCheckpoint(int nextIndex, int filesDone, long bytesDone, int skipped, int errors) {

    static final TransferCheckpoint START = new TransferCheckpoint(0, 0, 0, 0, 0);
}
