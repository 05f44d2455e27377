package org.dl4jmortal.samples.io;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress of long steps. {@link #console()} draws a bar on standard error (me.tongfei:progressbar), so that
 * standard output keeps only results; {@link #silent()} shows nothing (tests, scripts).
 */
public interface Progress {

    /** One running task; {@link #close()} ends its display. */
    interface Task extends AutoCloseable {
        /** Advances by one unit. */
        void step();

        /**
         * Advances by {@code units} units.
         *
         * @param units units done, {@code >= 0}
         */
        default void stepBy(long units) {
            for (long i = 0; i < units; i++) {
                step();
            }
        }

        /** Ends the display of this task. */
        @Override
        void close();
    }

    /**
     * @param name what is being done, for example {@code "train epoch 3/10"}
     * @param units how many {@link Task#step()} calls complete it, {@code >= 0}; or {@code -1} if not known in
     *              advance (the bar then shows the count only)
     * @return the running task
     */
    Task start(String name, long units);

    /** @return progress bars on standard error */
    static Progress console() {
        return (name, units) -> {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(units)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Task() {
                @Override
                public void step() {
                    bar.step();
                }

                @Override
                public void stepBy(long n) {
                    bar.stepBy(n);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }

    /** @return a progress that shows nothing */
    static Progress silent() {
        return (name, units) -> new Task() {
            @Override
            public void step() {
                // nothing to show
            }

            @Override
            public void close() {
                // nothing to close
            }
        };
    }
}
