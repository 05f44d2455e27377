package org.dl4jmortal.spi.distill;

/** Progress of a distillation (for progress bars); every method has an empty default. */
public interface DistillationListener {

    /** A listener that does nothing. */
    DistillationListener NONE = new DistillationListener() { };

    /**
     * @param epoch   1-based epoch that starts
     * @param batches minibatches it will run
     */
    default void epochStarted(int epoch, long batches) {
    }

    /** One minibatch is done. */
    default void batchDone() {
    }

    /**
     * @param epoch    1-based epoch that ended
     * @param meanLoss mean training loss over its minibatches
     */
    default void epochDone(int epoch, double meanLoss) {
    }
}
