package org.dl4jmortal.probe.record;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a recording session did.
 *
 * @param outputDir        the export folder
 * @param format           exporter name
 * @param rows             rows in every tap file at the end
 * @param firstRow         row this session started at (0, or the resumed count)
 * @param bytes            bytes of all tap files at the end
 * @param bytesThisSession bytes written by this session
 * @param seconds          wall-clock seconds of this session
 * @param nanCounts        NaN values read per tap over all rows
 * @param ledger           the manifest's ledger (all sessions)
 * @param files            the final tap files
 * @param completed        whether the export is complete
 */
public record RecordingSummary(Path outputDir, String format, long rows, long firstRow, long bytes,
                               long bytesThisSession, double seconds, Map<String, Long> nanCounts,
                               Map<String, Long> ledger, List<Path> files, boolean completed) {

    /** @return this session's write rate in MB/s (10^6 bytes per second), 0 when no time passed */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytesThisSession / 1e6 / seconds : 0.0;
    }

    /** @return rows written by this session */
    public long rowsThisSession() {
        return rows - firstRow;
    }

    /** @return a multi-line human-readable summary: rows, bytes, seconds, MB/s, NaN counts, ledger */
    public String toText() {
        long nan = nanCounts.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "%s export in %s: %d rows (%d this session), %d tap files, %.1f MB "
                        + "(%.1f MB this session) in %.2f s = %.1f MB/s%n NaN values read: %s%n ledger: %s",
                format, outputDir, rows, rowsThisSession(), files.size(), bytes / 1e6, bytesThisSession / 1e6,
                seconds, megabytesPerSecond(), nan == 0 ? "none" : nanCounts.toString(), ledger);
    }
}
