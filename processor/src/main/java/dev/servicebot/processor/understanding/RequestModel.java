package dev.servicebot.processor.understanding;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The trained request model: a multinomial reading of a message's features (liblinear logistic
 * regression over {@link MessageFeatures}) turned into calibrated probabilities per label with the
 * temperature fitted on the dev split, plus the labelled training examples nearest in meaning, so
 * a decision can be traced to the data that made it. Built by {@code RequestModelTrainer}; the
 * files it reads are versioned under {@code processor/src/main/resources/understanding/}.
 */
public final class RequestModel {
    static final String METADATA = "/understanding/request-model.json";
    static final String WEIGHTS = "/understanding/request-model.liblinear";
    static final String EXAMPLES = "/understanding/request-examples.bin";

    /** What the trainer records about a model besides its weights. */
    public record Metadata(String version, String encoder, String corpusSha256, List<String> labels, Map<String, Integer> vocabulary,
                           double vectorScale, double temperature, double askBelow, List<Example> examples, Map<String, Object> training) {
    }

    /** A training message kept to explain decisions. */
    public record Example(String label, String text) {
    }

    /** One label and how likely it is. */
    public record Reading(String label, double probability) {
    }

    /** Every label, likeliest first, and the nearest labelled examples. */
    public record Prediction(List<Reading> ranked, List<Example> nearest) {
        public Reading top() {
            return ranked.get(0);
        }

        public Reading second() {
            return ranked.get(1);
        }
    }

    private final Metadata metadata;
    private final Model weights;
    private final MessageFeatures features;
    private final int[] labelOrder;
    private final float[][] exampleVectors;
    /** Example indices by label: the nearest examples are looked for among the two likeliest labels only. */
    private final Map<String, int[]> examplesByLabel;

    public RequestModel(Metadata metadata, Model weights, float[][] exampleVectors) {
        this.metadata = metadata;
        this.weights = weights;
        this.features = new MessageFeatures(metadata.vocabulary(), metadata.vectorScale());
        this.labelOrder = weights.getLabels();
        this.exampleVectors = exampleVectors;
        if (exampleVectors.length != metadata.examples().size()) {
            throw new IllegalStateException("the model's examples and their vectors differ in number");
        }
        Map<String, List<Integer>> byLabel = new java.util.HashMap<>();
        for (int e = 0; e < metadata.examples().size(); e++) {
            byLabel.computeIfAbsent(metadata.examples().get(e).label(), k -> new ArrayList<>()).add(e);
        }
        this.examplesByLabel = new java.util.HashMap<>();
        byLabel.forEach((label, list) -> examplesByLabel.put(label, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The model shipped in the processor's jar. */
    public static RequestModel load() {
        try (InputStream meta = resource(METADATA); InputStream model = resource(WEIGHTS); InputStream examples = resource(EXAMPLES)) {
            Metadata metadata = new ObjectMapper().readValue(meta, Metadata.class);
            Model weights = Linear.loadModel(new InputStreamReader(model, StandardCharsets.UTF_8));
            return new RequestModel(metadata, weights, readVectors(examples.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request model", e);
        }
    }

    public Metadata metadata() {
        return metadata;
    }

    public double askBelow() {
        return metadata.askBelow();
    }

    /** @param vector the message's meaning vector; {@code normalizedText} its {@link Utterance#normalized()} text */
    public Prediction predict(float[] vector, String normalizedText) {
        return predict(vector, normalizedText, metadata.temperature(), 2);
    }

    /** With another temperature and number of nearest examples: for calibration and evaluation. */
    public Prediction predict(float[] vector, String normalizedText, double temperature, int nearest) {
        Feature[] x = features.of(vector, normalizedText);
        if (weights.getBias() >= 0) {
            // liblinear expects the bias as the last feature, at index features + 1.
            x = java.util.Arrays.copyOf(x, x.length + 1);
            x[x.length - 1] = new de.bwaldvogel.liblinear.FeatureNode(weights.getNrFeature() + 1, weights.getBias());
        }
        double[] values = new double[labelOrder.length];
        Linear.predictValues(weights, x, values);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            p[i] = Math.exp((values[i] - max) / temperature);
            sum += p[i];
        }
        List<Reading> ranked = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            ranked.add(new Reading(metadata.labels().get(labelOrder[i]), p[i] / sum));
        }
        ranked.sort(Comparator.comparingDouble(Reading::probability).reversed().thenComparing(Reading::label));
        // The examples that explain a reading are those of the readings in question; searching only the two
        // likeliest labels' examples costs a quarter of searching all of them.
        return new Prediction(List.copyOf(ranked), nearest(vector, nearest, ranked.get(0).label(), ranked.get(1).label()));
    }

    /** The {@code n} examples of these labels whose vectors are closest (cosine: all vectors are unit length). */
    private List<Example> nearest(float[] vector, int n, String... labels) {
        if (n == 0) {
            return List.of();
        }
        int[] best = new int[n];
        double[] score = new double[n];
        java.util.Arrays.fill(best, -1);
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (String label : labels) {
            for (int e : examplesByLabel.getOrDefault(label, new int[0])) {
                insert(dot(exampleVectors[e], vector), e, score, best);
            }
        }
        List<Example> found = new ArrayList<>(n);
        for (int k : best) {
            if (k >= 0) {
                found.add(metadata.examples().get(k));
            }
        }
        return found;
    }

    /** Keeps {@code best} the indices of the highest scores so far, highest first. */
    private static void insert(double dot, int e, double[] score, int[] best) {
        for (int k = 0; k < score.length; k++) {
            if (dot > score[k]) {
                System.arraycopy(score, k, score, k + 1, score.length - k - 1);
                System.arraycopy(best, k, best, k + 1, best.length - k - 1);
                score[k] = dot;
                best[k] = e;
                return;
            }
        }
    }

    /**
     * Four independent sums: the JIT keeps strict float order within each, so one sum is one long
     * dependency chain, while four run side by side (this loop is most of a message's cost after the encoder).
     */
    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Example vectors as the trainer writes them: count, then per vector a scale and one signed byte per dimension. */
    static float[][] readVectors(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            float[][] vectors = new float[count][SentenceEncoder.DIMENSIONS];
            for (int e = 0; e < count; e++) {
                float scale = in.readFloat();
                for (int i = 0; i < SentenceEncoder.DIMENSIONS; i++) {
                    vectors[e][i] = in.readByte() * scale;
                }
            }
            return vectors;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = RequestModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing: train the request model (processor/README.md)");
        }
        return in;
    }
}
