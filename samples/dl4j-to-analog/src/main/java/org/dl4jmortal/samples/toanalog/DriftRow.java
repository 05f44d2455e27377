package org.dl4jmortal.samples.toanalog;

/**
 * Test accuracy of a chip at one time since programming, as mean and sample standard deviation over repeated passes
 * (each pass draws fresh read and output noise), without and with global drift compensation (GDC, DESIGN.md §3).
 *
 * @param label       the time in words ({@code "1 day"})
 * @param seconds     time since programming, seconds
 * @param accuracy    mean top-1 accuracy without GDC, in {@code [0, 1]}
 * @param accuracyStd its standard deviation over the passes (divisor {@code K - 1}; 0 for one pass)
 * @param gdc         mean top-1 accuracy with GDC
 * @param gdcStd      its standard deviation
 */
public record DriftRow(String label, double seconds, double accuracy, double accuracyStd, double gdc, double gdcStd) {
}
