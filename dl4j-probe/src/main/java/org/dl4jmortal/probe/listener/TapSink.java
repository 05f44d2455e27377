package org.dl4jmortal.probe.listener;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Receives tap rows recorded by a {@link TapRecordingListener}. */
public interface TapSink {

    /**
     * @param tapName the tap ({@code <layer>.post})
     * @param inputs  the network input rows of this forward pass {@code [n, inputWidth]}, detached from workspaces
     * @param values  the tap's values {@code [n, width]}, detached from workspaces, owned by the sink
     * @throws java.io.UncheckedIOException if a sink that writes files fails
     */
    void accept(String tapName, INDArray inputs, INDArray values);
}
