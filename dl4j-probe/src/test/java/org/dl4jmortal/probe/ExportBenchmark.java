package org.dl4jmortal.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.probe.record.OutputMode;
import org.dl4jmortal.probe.record.RecordingSummary;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput and heap benchmark (not a unit test): exports every tap of a randomly initialised 784-256-128-10 MLP
 * for synthetic {@code gaussian:N} input. Run under {@code -Xmx512m}:
 * {@code java -Xmx512m -cp <test classpath> org.dl4jmortal.probe.ExportBenchmark OUT_DIR [ROWS] [FORMAT] [BATCH]}.
 * Prints rows, bytes, seconds, MB/s, the peak heap sampled every 20 ms, and the sum of the heap pools' peaks (an upper
 * bound of the true peak).
 */
public final class ExportBenchmark {
    private ExportBenchmark() {
    }

    /**
     * @param args output folder, rows (default 70000), format (default npy), batch (default 500)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 70_000;
        String format = args.length > 2 ? args[2] : "npy";
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        MultiLayerNetwork net = TestNets.mlp(784, 256, 128, 10, 12345);
        NetworkTappedModel model = NetworkTappedModel.of(net);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        RecordingSummary s = TapRecorder.builder().model(model).taps(TapRecorder.allTaps(model)).exporter(format)
                .outputDir(out).seed(1).batchSize(batch).mode(OutputMode.FORCE).modelDescription(model.description())
                .build().record(SyntheticProbes.parse("gaussian:" + rows, 784, 1));
        sampler.interrupt();
        long poolPeaks = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolPeaks += p.getPeakUsage().getUsed();
            }
        }
        System.out.println(s.toText());
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, sampled peak heap used %.1f MiB, sum of heap pool peaks %.1f MiB,"
                        + " javacpp physical bytes now %.1f MiB, threads %d%n",
                Runtime.getRuntime().maxMemory() / 1048576.0, peak.get() / 1048576.0, poolPeaks / 1048576.0,
                org.bytedeco.javacpp.Pointer.physicalBytes() / 1048576.0,
                Nd4j.getEnvironment().maxThreads());
    }
}
