package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.distill.student.ChipStudent;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.dl4jmortal.spi.distill.Student;

/**
 * Writes a trained student: a network student as an ordinary DL4J model ({@code ModelSerializer}, without updater
 * state: its own loss is back in place, nothing of dl4j-distill is in the file), a chip student as its chip image.
 */
public final class StudentFiles {
    private StudentFiles() {
    }

    /**
     * @param student the trained student
     * @param file    the destination ({@code student.zip}), written atomically
     * @throws IOException              if it cannot be written
     * @throws IllegalArgumentException if the student is of an unknown kind
     */
    public static void save(Student student, Path file) throws IOException {
        if (student instanceof NetworkStudent n) {
            Model m = n.model();
            AtomicFiles.write(file, o -> ModelSerializer.writeModel(m, o, false));
        } else if (student instanceof ChipStudent c) {
            c.chip().save(file);
        } else {
            throw new IllegalArgumentException("cannot save a student of type " + student.getClass().getName());
        }
    }
}
