package dev.servicebot.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.processor.understanding.RequestInterpreter.Interpretation;
import dev.servicebot.processor.understanding.training.Corpus;
import dev.servicebot.processor.understanding.training.LabelledText;
import dev.servicebot.processor.understanding.training.LabelledText.Split;
import dev.servicebot.processor.understanding.training.RequestModelTrainer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot's understanding measured on text it was never trained or tuned on: the frozen test split
 * ({@code processor/corpus/frozen-test/}, written by three authors who saw neither the corpus nor the
 * code), the held-out half of the public data (HWU64 fold 5, CLINC150 val), relocation destinations,
 * and the team's earlier hand-written sets. Prints accuracy per type. The frozen split's misses are
 * deliberately not printed: once someone reads them, the split stops measuring what it should
 * (trace a wrong answer on the dev split instead: {@code processor/dev-report.sh}).
 */
class RequestAccuracyTest {
    static Corpus corpus;
    static RequestInterpreter interpreter;

    @BeforeAll
    static void load() {
        corpus = Corpus.standard();
        interpreter = RequestInterpreter.load();
    }

    @Test
    void theShippedModelWasTrainedOnThisCorpus() {
        assertThat(interpreter.model().metadata().corpusSha256())
                .as("the model in src/main/resources/understanding is stale: run processor/train-model.sh and commit its output")
                .isEqualTo(RequestModelTrainer.fingerprint(corpus));
    }

    @Test
    void noTestTextIsAlsoInTrain() {
        Set<String> train = corpus.split(Split.TRAIN).stream().map(t -> Corpus.sameAs(t.text())).collect(Collectors.toSet());
        assertThat(corpus.split(Split.TEST)).as("test split").hasSizeGreaterThan(600)
                .noneMatch(t -> train.contains(Corpus.sameAs(t.text())));
    }

    @Test
    void inDomainTestSplitIsUnderstoodPerType() {
        List<LabelledText> test = corpus.split(Split.TEST).stream().filter(LabelledText::inDomain).toList();
        Map<String, double[]> perType = report("frozen test split", test, 0);
        double overall = overall(perType);
        // The targets of issue #12: 0.95 overall and 0.92 for every type, on messages nobody here trained or tuned on.
        assertThat(overall).as("overall accuracy on the frozen test split").isGreaterThanOrEqualTo(0.95);
        perType.forEach((type, c) -> assertThat(c[0] / c[1]).as("accuracy for " + type).isGreaterThanOrEqualTo(0.92));
    }

    @Test
    void heldOutPublicDataIsMostlyNotADeviceRequest() {
        List<LabelledText> test = corpus.split(Split.TEST).stream().filter(t -> !t.inDomain()).toList();
        Map<String, double[]> perType = report("held-out public data (HWU64 fold 5, CLINC150 val; test half)", test, 25);
        assertThat(perType.get("none")[0] / perType.get("none")[1]).as("none recall: off-topic not taken as a device request")
                .isGreaterThanOrEqualTo(0.97);
        double[] audio = new double[2];
        for (String type : List.of("volume_change", "play_music")) {
            audio[0] += perType.get(type)[0];
            audio[1] += perType.get(type)[1];
        }
        assertThat(audio[0] / audio[1]).as("volume and music accuracy on public data").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void relocationDestinationsAreExtracted() {
        int right = 0;
        List<LabelledText> moves = corpus.split(Split.TEST).stream()
                .filter(t -> t.inDomain() && t.label().equals("device_relocation") && t.parameters().containsKey("to")).toList();
        for (LabelledText t : moves) {
            Utterance u = Utterance.of(t.text());
            String got = ParameterExtractor.extract(u, dev.servicebot.topics.model.RequestType.of("device_relocation"), "test").parameter(Understanding.TO);
            if (t.parameters().get("to").equals(got)) {
                right++;
            }
        }
        System.out.printf("Relocation destinations, frozen test split: %d/%d  %.1f%%%n", right, moves.size(), 100.0 * right / moves.size());
        assertThat(moves).hasSizeGreaterThan(40);
        assertThat((double) right / moves.size()).as("relocation destinations").isGreaterThanOrEqualTo(0.95);
    }

    /** Written by the team before the corpus, with the old rules in mind: a different hand, reported with a lower bar. */
    @Test
    void theTeamsEarlierSetsStayUnderstood() throws Exception {
        List<LabelledText> earlier = new ArrayList<>();
        for (String file : List.of("utterances.tsv", "utterances-holdout.tsv")) {
            try (var in = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream("/" + file), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] parts = line.split("\t", 2);
                        earlier.add(new LabelledText(parts[0], parts[1], Map.of(), file, Split.TEST));
                    }
                }
            }
        }
        double overall = overall(report("the team's earlier sets (utterances*.tsv)", earlier, 40));
        assertThat(overall).isGreaterThanOrEqualTo(0.85);
    }

    /** Per label: right, total, asked (not confident). */
    static Map<String, double[]> report(String name, List<LabelledText> texts, int maxMisses) {
        Map<String, double[]> perType = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (LabelledText t : texts) {
            Interpretation read = interpreter.interpret(t.text());
            String got = read.type() == null ? "none" : read.type().wireName();
            double[] c = perType.computeIfAbsent(t.label(), k -> new double[3]);
            c[1]++;
            c[2] += read.confident() ? 0 : 1;
            if (got.equals(t.label())) {
                c[0]++;
            } else {
                misses.add(String.format("  expected %-17s got %-17s %s  (%s)", t.label(), got, t.text(), read.reason()));
            }
        }
        System.out.println("Request understanding, " + name + ", " + texts.size() + " messages (right / total, and how many the bot would ask about):");
        perType.forEach((type, c) -> System.out.printf("  %-18s %4d/%4d  %5.1f%%   asked %3d%n", type, (int) c[0], (int) c[1], 100 * c[0] / c[1], (int) c[2]));
        System.out.printf("  %-18s %4d/%4d  %5.1f%%%n", "overall", (int) sum(perType, 0), (int) sum(perType, 1), 100 * overall(perType));
        misses.stream().limit(maxMisses).forEach(System.out::println);
        if (misses.size() > maxMisses && maxMisses > 0) {
            System.out.println("  ... and " + (misses.size() - maxMisses) + " more");
        }
        return perType;
    }

    private static double sum(Map<String, double[]> perType, int column) {
        return perType.values().stream().mapToDouble(c -> c[column]).sum();
    }

    static double overall(Map<String, double[]> perType) {
        return sum(perType, 0) / sum(perType, 1);
    }
}
