package org.dl4jmortal.samples.copyout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.distill.method.HintDistiller;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.distill.transfer.TapExport;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.samples.distill.DistillData;
import org.dl4jmortal.samples.distill.Students;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * Distillation (module dl4j-distill): a distiller plugin, by name ({@code kd}: Hinton, Vinyals &amp; Dean 2015,
 * {@code L = alpha T^2 KL(p_t^T || p_s^T) + (1 - alpha) CE(y, p_s)} with T = 4; or {@code hint}: Romero et al.,
 * FitNets 2015, student hidden layers regress the teacher's hidden {@code .post} taps through linear adapters, plus
 * {@code kd}) trains a digital MLP of the chip's shape ({@code mortal distill --student mlp}: input {@code [batch, 784]},
 * output {@code [batch, 10]} probabilities; Adam 1e-3 decaying by 0.8 per epoch, batch 64) on the tap files of step 2. The transfer set is {@code taps:DIR}, exactly as
 * {@code mortal distill --transfer taps:DIR} reads it: the transfer images (without their labels) with the chip's
 * recorded outputs, so the chip was queried once per transfer image, when the taps were recorded, and the distillation
 * itself sends no query. The copy's cost is that recording's queries. Immutable.
 */
public final class DistillationCopy implements CopyMethod {
    private final String method;
    private final int epochs;
    private final Path taps;

    /**
     * @param method registered distiller ({@code kd} or {@code hint})
     * @param epochs epochs over the transfer images, {@code >= 1}
     * @param taps   the folder of the tap export of step 2 ({@link TapsStep}), recorded on the transfer images in
     *               their order
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public DistillationCopy(String method, int epochs, Path taps) {
        if (epochs < 1) {
            throw new IllegalArgumentException("--distill-epochs must be >= 1, got " + epochs);
        }
        this.method = method;
        this.epochs = epochs;
        this.taps = taps;
    }

    @Override
    public String name() {
        return "distillation (" + method + ")";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException                               if the tap files cannot be read
     * @throws org.dl4jmortal.spi.plugin.PluginException if the distiller is not installed (lists those that are)
     * @throws IllegalArgumentException                  if the tap export does not match the transfer images or
     *                                                   holds no chip output (says what)
     */
    @Override
    public CopyResult copy(AnalogChip chip, CopyOutData data, long seed) throws IOException {
        Distiller distiller = MortalRegistry.global().get(PluginKind.DISTILLER, method);
        NetworkStudent student = (NetworkStudent) Students.create("mlp", chip, seed, null, null);
        Map<String, String> hints = method.equals(HintDistiller.NAME)
                ? HintDistiller.defaultMapping(chip, student) : Map.of();
        TransferSet transfer = DistillData.transfer(TransferSpec.parse("taps:" + taps), data.transfer(),
                chip.inputSize(), seed, new ArrayList<>(hints.values()));
        long recordingQueries = TapExport.open(taps).manifest().ledger().getOrDefault("queries", 0L);
        DistillationSettings settings = DistillationSettings.builder().epochs(epochs).seed(seed).hints(hints).build();
        DistillationResult result = distiller.distil(chip, student, transfer, settings, DistillationListener.NONE);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("student", student.description());
        details.put("transfer", transfer.description());
        details.put("transfer_rows", transfer.rows());
        details.put("teacher_outputs", result.teacherOutputs());
        details.put("queries_while_distilling", result.queries());
        details.put("queries_of_the_recording", recordingQueries);
        details.put("temperature", settings.temperature());
        details.put("epochs", epochs);
        details.put("hints", hints);
        details.put("loss_per_epoch", List.copyOf(result.lossPerEpoch()));
        return new CopyResult(name(), (MultiLayerNetwork) student.model(), recordingQueries + result.queries(),
                result.seconds(), details);
    }
}
