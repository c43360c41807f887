package dev.servicebot.processor.understanding.training;

import dev.servicebot.processor.understanding.SentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The encoder's vectors of texts already seen, kept in a file under {@code target/}: training encodes
 * some 25,000 texts (about 40 s on one core), and retraining after a corpus change should cost only
 * the new ones. The file is a cache, never an input: deleting it changes nothing but the time.
 */
public final class EncoderCache implements AutoCloseable {
    private final SentenceEncoder encoder;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final DataOutputStream appender;

    public EncoderCache(SentenceEncoder encoder, Path file) {
        this.encoder = encoder;
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                read();
            }
            appender = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float[] vector(String text) {
        float[] known = vectors.get(text);
        if (known != null) {
            return known;
        }
        float[] vector = encoder.encode(text);
        vectors.put(text, vector);
        try {
            appender.writeUTF(SentenceEncoder.MODEL);
            appender.writeUTF(text);
            for (float v : vector) {
                appender.writeFloat(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vector;
    }

    private void read() throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String model;
                try {
                    model = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                String text = in.readUTF();
                float[] vector = new float[SentenceEncoder.DIMENSIONS];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = in.readFloat();
                }
                if (model.equals(SentenceEncoder.MODEL)) {
                    vectors.put(text, vector);
                }
            }
        } catch (EOFException truncated) {
            // A run stopped mid-write: what was read is good, the rest is encoded again.
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
