package dev.servicebot.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.processor.understanding.RequestClassifier.Intent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The classifier against the labelled utterances in {@code utterances.tsv}: prints accuracy per
 * request type and every miss, and fails below 95% overall or 90% for any type.
 */
class UtteranceAccuracyTest {

    record Labelled(String label, String text) {
    }

    static List<Labelled> utterances(String file) throws Exception {
        List<Labelled> all = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                UtteranceAccuracyTest.class.getResourceAsStream("/" + file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                all.add(new Labelled(parts[0], parts[1]));
            }
        }
        return all;
    }

    @Test
    void accuracyPerRequestTypeMeetsTheBar() throws Exception {
        List<Labelled> all = utterances("utterances.tsv");
        assertThat(all).hasSizeGreaterThanOrEqualTo(200);
        double overall = report("labelled set (utterances.tsv)", all, 90.0);
        assertThat(overall).as("overall accuracy").isGreaterThanOrEqualTo(95.0);
    }

    /**
     * Utterances written after the rules and never used to tune them: how the rules do on text
     * they were not shaped around. A lower bar, since it is small; its figure is reported in the issue notes.
     */
    @Test
    void heldOutUtterancesStayAccurate() throws Exception {
        List<Labelled> heldOut = utterances("utterances-holdout.tsv");
        double overall = report("held-out set (utterances-holdout.tsv)", heldOut, 0);
        assertThat(overall).as("held-out accuracy").isGreaterThanOrEqualTo(85.0);
    }

    private static double report(String name, List<Labelled> all, double perTypeBar) {
        RequestClassifier classifier = new RequestClassifier();
        Map<String, int[]> perType = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Labelled u : all) {
            Intent intent = classifier.classify(u.text());
            String got = intent.type() == null ? "none" : intent.type().wireName();
            int[] counts = perType.computeIfAbsent(u.label(), k -> new int[2]);
            counts[1]++;
            if (got.equals(u.label())) {
                counts[0]++;
            } else {
                misses.add(String.format("  expected %-17s got %-17s %s  (%s)", u.label(), got, u.text(), intent.reason()));
            }
        }
        int right = perType.values().stream().mapToInt(c -> c[0]).sum();
        System.out.println("Request classification accuracy, " + name + ", " + all.size() + " utterances:");
        perType.forEach((type, c) -> System.out.printf("  %-18s %3d/%3d  %5.1f%%%n", type, c[0], c[1], 100.0 * c[0] / c[1]));
        System.out.printf("  %-18s %3d/%3d  %5.1f%%%n", "overall", right, all.size(), 100.0 * right / all.size());
        misses.forEach(System.out::println);
        perType.forEach((type, c) -> assertThat(100.0 * c[0] / c[1]).as("accuracy for " + type).isGreaterThanOrEqualTo(perTypeBar));
        return 100.0 * right / all.size();
    }
}
