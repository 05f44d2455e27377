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
 * bound of the true peak), and the process CPU time (less sensitive to other load on the machine).
 */
public final class ExportBenchmark {
    private ExportBenchmark() {
    }

    /** Appends the same precomputed batch to six npy writers (widths of the MLP's taps): the exporter's own speed. */
    private static void writeOnly(Path out, long rows, int batch) throws Exception {
        java.nio.file.Files.createDirectories(out);
        int[] widths = {256, 256, 128, 128, 10, 10};
        org.dl4jmortal.probe.export.NpyExporter npy = new org.dl4jmortal.probe.export.NpyExporter();
        java.util.List<org.dl4jmortal.spi.export.TapWriter> ws = new java.util.ArrayList<>();
        java.util.List<org.nd4j.linalg.api.ndarray.INDArray> vs = new java.util.ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            java.nio.file.Path f = out.resolve("w" + i + ".npy");
            java.nio.file.Files.deleteIfExists(f);
            ws.add(npy.create(f, new org.dl4jmortal.spi.export.TapFileSpec("w" + i, widths[i], 784)));
            vs.add(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, widths[i]));
        }
        long t0 = System.nanoTime();
        for (long done = 0; done < rows; done += batch) {
            for (int i = 0; i < widths.length; i++) {
                ws.get(i).append(null, vs.get(i));
            }
        }
        long bytes = 0;
        for (org.dl4jmortal.spi.export.TapWriter w : ws) {
            w.finish();
            bytes += w.bytes();
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "npy writers alone: %d rows, %.1f MB in %.2f s = %.1f MB/s%n", rows, bytes / 1e6,
                sec, bytes / 1e6 / sec);
    }

    /**
     * @param args output folder, rows (default 70000), format (default npy), batch (default 500), and optionally
     *             {@code write-only} to time the npy writers alone on precomputed rows
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 70_000;
        String format = args.length > 2 ? args[2] : "npy";
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        if (args.length > 4 && args[4].equals("write-only")) {
            writeOnly(out, rows, batch);
            return;
        }
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
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        System.out.println(s.toText());
        System.out.printf(Locale.ROOT, "process CPU time %.1f s (all threads, JVM start included), load average %.1f%n",
                cpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, sampled peak heap used %.1f MiB, sum of heap pool peaks %.1f MiB,"
                        + " javacpp physical bytes now %.1f MiB, threads %d%n",
                Runtime.getRuntime().maxMemory() / 1048576.0, peak.get() / 1048576.0, poolPeaks / 1048576.0,
                org.bytedeco.javacpp.Pointer.physicalBytes() / 1048576.0,
                Nd4j.getEnvironment().maxThreads());
    }
}
