package org.dl4jmortal.samples.distill;

import java.io.PrintStream;
import java.util.Locale;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.spi.distill.DistillationListener;

/** Shows a distillation's epochs as progress bars and prints each epoch's mean loss. */
public final class ProgressListener implements DistillationListener {
    private final Progress progress;
    private final PrintStream out;
    private final String name;
    private final int epochs;
    private Progress.Task task;

    /**
     * @param progress where bars are drawn
     * @param out      where the epoch lines go (null for none)
     * @param name     the task name, for example {@code "kd"}
     * @param epochs   total epochs, for the bar titles
     */
    public ProgressListener(Progress progress, PrintStream out, String name, int epochs) {
        this.progress = progress;
        this.out = out;
        this.name = name;
        this.epochs = epochs;
    }

    @Override
    public void epochStarted(int epoch, long batches) {
        task = progress.start(name + " epoch " + epoch + "/" + epochs, batches);
    }

    @Override
    public void batchDone() {
        if (task != null) {
            task.step();
        }
    }

    @Override
    public void epochDone(int epoch, double meanLoss) {
        if (task != null) {
            task.close();
            task = null;
        }
        if (out != null) {
            out.printf(Locale.ROOT, "%s epoch %d: mean loss %.5f%n", name, epoch, meanLoss);
        }
    }
}
