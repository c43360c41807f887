package dev.servicebot.processor.understanding.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.servicebot.processor.understanding.MessageFeatures;
import dev.servicebot.processor.understanding.RequestModel;
import dev.servicebot.processor.understanding.RequestModel.Example;
import dev.servicebot.processor.understanding.RequestModel.Metadata;
import dev.servicebot.processor.understanding.RequestModel.Prediction;
import dev.servicebot.processor.understanding.SentenceEncoder;
import dev.servicebot.processor.understanding.Utterance;
import dev.servicebot.processor.understanding.training.LabelledText.Split;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the request model from the corpus's train split, chooses its settings, temperature and
 * question threshold on the dev split, and writes the model files. The test split is never read here.
 * <p>
 * Usage: {@code processor/train-model.sh} (writes {@code processor/src/main/resources/understanding/}).
 */
public final class RequestModelTrainer {
    static final int MIN_NGRAM_COUNT = 2;
    /** A confident wrong action costs this many times what a confident right one gains; a question gains nothing. */
    static final double WRONG_COST = 2.0;
    static final List<Double> C_GRID = List.of(16.0);
    static final List<Double> SCALE_GRID = List.of(2.0);
    static final List<Double> NONE_WEIGHT_GRID = List.of(0.3);
    static final List<Integer> IN_DOMAIN_WEIGHT_GRID = List.of(5);

    /** One setting tried on the dev split. */
    public record Setting(double c, double vectorScale, double noneWeight, int inDomainWeight) {
    }

    /** A message ready for training: features and label index. */
    record Encoded(LabelledText text, float[] vector, String normalized) {
    }

    private final List<Encoded> train;
    private final List<Encoded> dev;
    private final List<String> labels;
    private final Map<String, Integer> vocabulary;

    public RequestModelTrainer(Corpus corpus, EncoderCache encoder) {
        this.labels = List.copyOf(new TreeSet<>(corpus.texts().stream().map(LabelledText::label).toList()));
        this.train = encode(corpus.split(Split.TRAIN), encoder);
        this.dev = encode(corpus.split(Split.DEV), encoder);
        this.vocabulary = vocabulary(train);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "processor/src/main/resources/understanding");
        Corpus standard = Corpus.standard();
        // A second argument trains on another folder of in-domain files (for experiments).
        Corpus corpus = args.length > 1 ? Corpus.load(Path.of(args[1]), null, Path.of("../shared/data")) : standard;
        Linear.disableDebugOutput();
        try (SentenceEncoder encoder = SentenceEncoder.load();
             EncoderCache cache = new EncoderCache(encoder, Path.of("processor/target/encoder-cache.bin"))) {
            long started = System.nanoTime();
            RequestModelTrainer trainer = new RequestModelTrainer(corpus, cache);
            System.out.printf("encoded %d train and %d dev texts in %.1f s; %d labels, %d n-grams%n", trainer.train.size(), trainer.dev.size(),
                    (System.nanoTime() - started) / 1e9, trainer.labels.size(), trainer.vocabulary.size());
            trainer.write(trainer.train(), out);
        }
    }

    /** Tries each setting, keeps the best on dev, then fits the temperature and the question threshold. */
    public Trained train() {
        Setting best = null;
        double bestScore = -1;
        Model bestModel = null;
        for (double c : C_GRID) {
            for (double scale : SCALE_GRID) {
                for (double noneWeight : NONE_WEIGHT_GRID) {
                  for (int inDomainWeight : IN_DOMAIN_WEIGHT_GRID) {
                    Setting setting = new Setting(c, scale, noneWeight, inDomainWeight);
                    long started = System.nanoTime();
                    Model model = fit(setting);
                    System.out.printf("  (fit in %.1f s)%n", (System.nanoTime() - started) / 1e9);
                    DevScore score = score(model, setting);
                    System.out.printf("  C=%-4s vector x%-3s none weight %-4s in-domain x%d  dev: in-domain macro %.3f (worst %s %.3f), public none %.3f, public audio %.3f -> %.4f%n",
                            c, scale, noneWeight, inDomainWeight, score.macro, score.worstLabel, score.worst, score.publicNone, score.publicAudio, score.total());
                    if (score.total() > bestScore) {
                        bestScore = score.total();
                        best = setting;
                        bestModel = model;
                    }
                  }
                }
            }
        }
        System.out.println("chosen: " + best);
        RequestModel unCalibrated = new RequestModel(metadata(best, 1, 0, List.of()), bestModel, new float[0][]);
        double temperature = temperature(unCalibrated);
        RequestModel calibrated = new RequestModel(metadata(best, temperature, 0, List.of()), bestModel, new float[0][]);
        double askBelow = threshold(calibrated);
        System.out.printf("temperature %.3f, ask below %.3f%n", temperature, askBelow);
        if (Boolean.getBoolean("trainer.misses")) {
            for (Encoded e : dev) {
                Prediction p = calibrated.predict(e.vector(), e.normalized());
                if (e.text().inDomain() && !p.top().label().equals(e.text().label())) {
                    System.out.printf("  MISS %-17s got %-17s %.2f  %s%n", e.text().label(), p.top().label(), p.top().probability(), e.text().text());
                }
            }
        }
        return new Trained(best, bestModel, temperature, askBelow);
    }

    /** The outcome of training. */
    public record Trained(Setting setting, Model model, double temperature, double askBelow) {
    }

    Model fit(Setting setting) {
        MessageFeatures features = new MessageFeatures(vocabulary, setting.vectorScale());
        // The project's own messages count more than the public ones (liblinear weighs classes, not
        // rows, so a row of weight k is given k times).
        List<Encoded> rows = new ArrayList<>();
        for (Encoded e : train) {
            for (int k = 0; k < (e.text().inDomain() ? setting.inDomainWeight() : 1); k++) {
                rows.add(e);
            }
        }
        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = features.size();
        problem.x = new Feature[rows.size()][];
        problem.y = new double[rows.size()];
        problem.bias = 1;
        for (int i = 0; i < rows.size(); i++) {
            Encoded e = rows.get(i);
            problem.x[i] = withBias(features.of(e.vector(), e.normalized()), problem.n + 1);
            problem.y[i] = labels.indexOf(e.text().label());
        }
        problem.n += 1;
        Parameter parameter = new Parameter(SolverType.L2R_LR_DUAL, setting.c(), 0.01);
        int none = labels.indexOf("none");
        if (none >= 0 && setting.noneWeight() != 1) {
            parameter.setWeights(new double[] {setting.noneWeight()}, new int[] {none});
        }
        Linear.resetRandom();
        return Linear.train(problem, parameter);
    }

    private static Feature[] withBias(Feature[] x, int biasIndex) {
        Feature[] withBias = java.util.Arrays.copyOf(x, x.length + 1);
        withBias[x.length] = new de.bwaldvogel.liblinear.FeatureNode(biasIndex, 1);
        return withBias;
    }

    record DevScore(double macro, String worstLabel, double worst, double publicNone, double publicAudio) {
        double total() {
            return 0.4 * macro + 0.2 * worst + 0.2 * publicNone + 0.2 * publicAudio;
        }
    }

    private DevScore score(Model model, Setting setting) {
        RequestModel candidate = new RequestModel(metadata(setting, 1, 0, List.of()), model, new float[0][]);
        Map<String, int[]> inDomain = new TreeMap<>();
        int[] publicNone = new int[2];
        int[] publicAudio = new int[2];
        for (Encoded e : dev) {
            String got = candidate.predict(e.vector(), e.normalized(), 1, 0).top().label();
            boolean right = got.equals(e.text().label());
            if (e.text().inDomain()) {
                int[] c = inDomain.computeIfAbsent(e.text().label(), k -> new int[2]);
                c[0] += right ? 1 : 0;
                c[1]++;
            } else if (e.text().label().equals("none")) {
                publicNone[0] += right ? 1 : 0;
                publicNone[1]++;
            } else if (e.text().label().equals("volume_change") || e.text().label().equals("play_music")) {
                publicAudio[0] += right ? 1 : 0;
                publicAudio[1]++;
            }
        }
        double macro = inDomain.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElse(0);
        var worst = inDomain.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
                java.util.Comparator.comparingDouble(c -> (double) c[0] / c[1]))).orElseThrow();
        return new DevScore(macro, worst.getKey(), (double) worst.getValue()[0] / worst.getValue()[1],
                ratio(publicNone), ratio(publicAudio));
    }

    private static double ratio(int[] c) {
        return c[1] == 0 ? 1 : (double) c[0] / c[1];
    }

    /** The temperature that makes dev probabilities honest: least negative log-likelihood of the right label. */
    private double temperature(RequestModel model) {
        double best = 1;
        double bestLoss = Double.MAX_VALUE;
        for (double t = 0.05; t <= 3.0; t += 0.05) {
            double loss = 0;
            for (Encoded e : dev) {
                Prediction p = model.predict(e.vector(), e.normalized(), t, 0);
                double right = p.ranked().stream().filter(r -> r.label().equals(e.text().label())).findFirst().orElseThrow().probability();
                loss -= Math.log(Math.max(right, 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = Math.round(t * 100) / 100.0;
            }
        }
        return best;
    }

    /**
     * The confidence below which the bot asks: the one that maximizes, over the in-domain dev split,
     * right answers minus {@link #WRONG_COST} times confident wrong ones (a question scores zero).
     */
    private double threshold(RequestModel model) {
        List<double[]> outcomes = new ArrayList<>();
        for (Encoded e : dev) {
            if (!e.text().inDomain()) {
                continue;
            }
            Prediction p = model.predict(e.vector(), e.normalized());
            outcomes.add(new double[] {p.top().probability(), p.top().label().equals(e.text().label()) ? 1 : 0});
        }
        double best = 0;
        double bestUtility = Double.NEGATIVE_INFINITY;
        for (double t = 0.30; t <= 0.95; t += 0.01) {
            double utility = 0;
            int asked = 0;
            for (double[] o : outcomes) {
                if (o[0] < t) {
                    asked++;
                } else {
                    utility += o[1] == 1 ? 1 : -WRONG_COST;
                }
            }
            if (utility > bestUtility) {
                bestUtility = utility;
                best = Math.round(t * 100) / 100.0;
            }
        }
        return best;
    }

    private Metadata metadata(Setting setting, double temperature, double askBelow, List<Example> examples) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("solver", "liblinear L2R_LR (one-vs-rest), bias 1");
        training.put("C", setting.c());
        training.put("noneWeight", setting.noneWeight());
        training.put("inDomainWeight", setting.inDomainWeight());
        training.put("trainTexts", train.size());
        training.put("devTexts", dev.size());
        training.put("minNgramCount", MIN_NGRAM_COUNT);
        training.put("credit", "trained on the project's corpus and on HWU64 (Liu et al., IWSDS 2019, CC BY 4.0) and CLINC150 "
                + "(Larson et al., EMNLP-IJCNLP 2019, CC BY 3.0), mapped to this bot's request types");
        return new Metadata(version(), SentenceEncoder.MODEL, corpusSha256(), labels, vocabulary, setting.vectorScale(), temperature, askBelow,
                examples, training);
    }

    void write(Trained trained, Path dir) throws IOException {
        List<Encoded> kept = train.stream().filter(e -> e.text().inDomain()).toList();
        List<Example> examples = kept.stream().map(e -> new Example(e.text().label(), e.text().text())).toList();
        Metadata metadata = metadata(trained.setting(), trained.temperature(), trained.askBelow(), examples);
        Files.createDirectories(dir);
        StringWriter weights = new StringWriter();
        Linear.saveModel(weights, trained.model());
        Files.writeString(dir.resolve("request-model.liblinear"), weights.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("request-model.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(metadata) + "\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("request-examples.bin"), vectors(kept));
        // Read back what was written, so a model that cannot load is never left behind.
        Linear.loadModel(new StringReader(weights.toString()));
        System.out.println("wrote " + dir.toAbsolutePath() + " (corpus " + metadata.corpusSha256().substring(0, 12) + ")");
    }

    /** Unit vectors in one signed byte per dimension (with a per-vector scale): a quarter of the size, same neighbours. */
    private static byte[] vectors(List<Encoded> examples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(examples.size());
            for (Encoded e : examples) {
                float max = 1e-6f;
                for (float v : e.vector()) {
                    max = Math.max(max, Math.abs(v));
                }
                float scale = max / 127f;
                out.writeFloat(scale);
                for (float v : e.vector()) {
                    out.writeByte(Math.round(v / scale));
                }
            }
        }
        return bytes.toByteArray();
    }

    /** A fingerprint of everything training read: a model whose fingerprint differs from the corpus's is stale. */
    public String corpusSha256() {
        return fingerprint(train, dev);
    }

    public static String fingerprint(List<Encoded> train, List<Encoded> dev) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SentenceEncoder.MODEL.getBytes(StandardCharsets.UTF_8));
            for (List<Encoded> part : List.of(train, dev)) {
                for (Encoded e : part) {
                    digest.update((e.text().split() + "\t" + e.text().label() + "\t" + e.text().text() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of a corpus as the trainer would compute it, without encoding anything. */
    public static String fingerprint(Corpus corpus) {
        return fingerprint(corpus.split(Split.TRAIN).stream().map(t -> new Encoded(t, null, null)).toList(),
                corpus.split(Split.DEV).stream().map(t -> new Encoded(t, null, null)).toList());
    }

    private static String version() {
        return "request-model-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    }

    private static List<Encoded> encode(List<LabelledText> texts, EncoderCache encoder) {
        return texts.stream().map(t -> new Encoded(t, encoder.vector(t.text()), Utterance.of(t.text()).normalized())).toList();
    }

    private static Map<String, Integer> vocabulary(List<Encoded> train) {
        Map<String, Integer> counts = new HashMap<>();
        for (Encoded e : train) {
            for (String gram : new TreeSet<>(MessageFeatures.ngrams(e.normalized()))) {
                counts.merge(gram, 1, Integer::sum);
            }
        }
        Map<String, Integer> vocabulary = new TreeMap<>();
        int index = SentenceEncoder.DIMENSIONS + 1;
        for (String gram : new TreeSet<>(counts.keySet())) {
            if (counts.get(gram) >= MIN_NGRAM_COUNT) {
                vocabulary.put(gram, index++);
            }
        }
        return vocabulary;
    }
}
