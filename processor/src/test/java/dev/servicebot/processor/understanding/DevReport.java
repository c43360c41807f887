package dev.servicebot.processor.understanding;

import dev.servicebot.processor.understanding.training.Corpus;
import dev.servicebot.processor.understanding.training.LabelledText;
import dev.servicebot.processor.understanding.training.LabelledText.Split;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The development view (never the test split): the dev split's accuracy per type with and without
 * the structure rules, and the parameter extractor on train + dev relocations, misses included.
 * Run with {@code processor/dev-report.sh}; this is where rules and extraction are tuned.
 */
public final class DevReport {
    public static void main(String[] args) {
        Corpus corpus = Corpus.standard();
        RequestInterpreter interpreter = RequestInterpreter.load();
        List<LabelledText> dev = corpus.split(Split.DEV).stream().filter(LabelledText::inDomain).toList();
        Map<String, int[]> perType = new TreeMap<>();
        for (LabelledText t : dev) {
            Utterance u = Utterance.of(t.text());
            RequestInterpreter.Interpretation read = interpreter.interpret(u);
            String withRules = read.type() == null ? "none" : read.type().wireName();
            String modelOnly = interpreter.model().predict(interpreter.encode(u), u.normalized()).top().label();
            int[] c = perType.computeIfAbsent(t.label(), k -> new int[3]);
            c[0] += withRules.equals(t.label()) ? 1 : 0;
            c[1] += modelOnly.equals(t.label()) ? 1 : 0;
            c[2]++;
            if (!withRules.equals(modelOnly)) {
                System.out.printf("  RULE %s: %s -> %s  %s%n", withRules.equals(t.label()) ? "fixed" : modelOnly.equals(t.label()) ? "BROKE" : "moved",
                        modelOnly, withRules, t.text());
            }
        }
        int[] total = new int[3];
        perType.forEach((type, c) -> {
            System.out.printf("  %-18s rules %3d  model %3d  of %3d%n", type, c[0], c[1], c[2]);
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        System.out.printf("dev in-domain: with rules %.3f, model alone %.3f%n", (double) total[0] / total[2], (double) total[1] / total[2]);

        int right = 0;
        int all = 0;
        for (LabelledText t : corpus.texts()) {
            if (t.split() == Split.TEST || !t.inDomain() || !t.label().equals("device_relocation") || !t.parameters().containsKey("to")) {
                continue;
            }
            all++;
            String got = ParameterExtractor.extract(Utterance.of(t.text()), RequestType.of("device_relocation"), "dev").parameter(Understanding.TO);
            if (t.parameters().get("to").equals(got)) {
                right++;
            } else {
                System.out.println("  TO expected " + t.parameters().get("to") + " got " + got + "  " + t.text());
            }
        }
        System.out.printf("relocation destinations, train + dev: %d/%d %.3f%n", right, all, (double) right / all);
    }
}
