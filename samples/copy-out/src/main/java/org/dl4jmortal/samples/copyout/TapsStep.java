package org.dl4jmortal.samples.copyout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.probe.record.DataSetIteratorSource;
import org.dl4jmortal.probe.record.OutputMode;
import org.dl4jmortal.probe.record.RecordingSummary;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;

/**
 * Taps (DESIGN.md §4): every tap of the chip ({@code <layer>.pre}, {@code <layer>.post}) read for every transfer image
 * and streamed to NumPy {@code .npy} files with a {@code manifest.json} (shapes, read models, seed, source and the
 * query ledger). This is the teacher queried once; a distiller can reuse the files for every epoch.
 */
public final class TapsStep {
    private TapsStep() {
    }

    /**
     * @param chip     the chip
     * @param transfer the images to send
     * @param out      the folder for the tap files (replaced if it holds an earlier export)
     * @param seed     seed of the taps' own read noise
     * @return the recorder's summary (rows, files, bytes, seconds, ledger)
     * @throws IOException if a file cannot be written
     */
    public static RecordingSummary record(AnalogChip chip, LabelledImages transfer, Path out, long seed)
            throws IOException {
        DataSetIteratorSource source = new DataSetIteratorSource("fashion-mnist transfer images", chip.inputSize(),
                List.of(new DataSetIteratorSource.Part("train", new ImageDataSetIterator(transfer, 500, false, 0),
                        transfer.size())));
        return TapRecorder.builder().model(chip).modelDescription("copy-out sample chip (" + chip.info().device() + ")")
                .taps(TapRecorder.allTaps(chip)).exporter("npy").outputDir(out).seed(seed).batchSize(500)
                .mode(OutputMode.FORCE).build().record(source);
    }
}
