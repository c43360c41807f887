package dev.servicebot.processor.understanding;

import dev.servicebot.processor.understanding.RequestModel.Prediction;
import dev.servicebot.processor.understanding.RequestModel.Reading;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works out what a customer asks for: the trained request model reads the message, structure
 * rules refine what it read where sentence shape decides, and below the model's calibrated
 * confidence threshold the reading is marked unsure, so the bot asks instead of guessing.
 * Deterministic: the same text gives the same interpretation on every run.
 */
public final class RequestInterpreter {
    private static final java.util.regex.Pattern DEVICE_ID = java.util.regex.Pattern.compile("(?i)\\bdev_[a-z0-9]+");
    private final Function<String, float[]> encoder;
    private final RequestModel model;
    private final StructureRules rules = new StructureRules();

    public RequestInterpreter(SentenceEncoder encoder, RequestModel model) {
        this(encoder::encode, model);
    }

    /** With another source of meaning vectors: lets a test time the text handling without the encoder's fixed cost. */
    public RequestInterpreter(Function<String, float[]> encoder, RequestModel model) {
        this.encoder = encoder;
        this.model = model;
    }

    /** The shipped encoder and model (loading takes about a second). */
    public static RequestInterpreter load() {
        return new RequestInterpreter(SentenceEncoder.load(), RequestModel.load());
    }

    /**
     * What the message asks for.
     *
     * @param type      the request type, or null for none
     * @param confident false when the bot should ask which of {@code alternatives} the customer means
     * @param alternatives the two likeliest readings (types, null for none), likeliest first
     * @param reason    the rule, or the model's score and the nearest labelled examples
     * @param ranked    the model's calibrated probability of every label, likeliest first
     */
    public record Interpretation(RequestType type, double confidence, boolean confident, List<RequestType> alternatives,
                                 String reason, Utterance utterance, List<Reading> ranked) {
        public boolean isRequest() {
            return type != null;
        }

        /** How much the model leans to {@code first} over {@code second} (0-1; 0.5 when it knows neither). */
        public double preference(RequestType first, RequestType second) {
            double a = probability(first);
            double b = probability(second);
            return a + b == 0 ? 0.5 : a / (a + b);
        }

        private double probability(RequestType type) {
            String label = type == null ? "none" : type.wireName();
            return ranked.stream().filter(r -> r.label().equals(label)).mapToDouble(Reading::probability).findFirst().orElse(0);
        }
    }

    /** The message's meaning vector. Device ids carry no meaning of their own, so the model reads them as "device". */
    public float[] encode(Utterance u) {
        return encoder.apply(DEVICE_ID.matcher(u.original()).replaceAll("device"));
    }

    private static String words(Utterance u) {
        return DEVICE_ID.matcher(u.normalized()).replaceAll("device");
    }

    public RequestModel model() {
        return model;
    }

    public Interpretation interpret(String text) {
        return interpret(Utterance.of(text));
    }

    public Interpretation interpret(Utterance u) {
        Prediction prediction = model.predict(encode(u), words(u));
        Reading top = prediction.top();
        Optional<StructureRules.Ruling> ruling = rules.refine(u, top.label());
        if (ruling.isPresent()) {
            RequestType type = typeOf(ruling.get().label());
            return new Interpretation(type, 1.0, true, List.of(), ruling.get().rule() + "; model read " + describe(prediction), u,
                    prediction.ranked());
        }
        boolean confident = top.probability() >= model.askBelow();
        List<RequestType> alternatives = confident ? List.of()
                : java.util.Arrays.asList(typeOf(top.label()), typeOf(prediction.second().label()));
        return new Interpretation(typeOf(top.label()), top.probability(), confident, alternatives, "model: " + describe(prediction), u,
                prediction.ranked());
    }

    private static String describe(Prediction p) {
        return String.format(java.util.Locale.ROOT, "%s %.2f, %s %.2f; nearest examples: %s", p.top().label(), p.top().probability(),
                p.second().label(), p.second().probability(),
                p.nearest().stream().map(e -> "\"" + e.text() + "\" (" + e.label() + ")").collect(Collectors.joining(", ")));
    }

    static RequestType typeOf(String label) {
        return label.equals("none") ? null : RequestType.of(label);
    }
}
