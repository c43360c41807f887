package dev.servicebot.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.processor.understanding.RequestInterpreter.Interpretation;
import dev.servicebot.processor.understanding.training.Corpus;
import dev.servicebot.processor.understanding.training.LabelledText;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same text gets the same reading on every JVM start: two fresh JVMs classify the whole corpus
 * (every split, the public data included) and must agree on every type, confidence and question.
 * Hash-ordered collections ({@code Set.of}, {@code Map.of}) iterate in a different order per JVM,
 * which is exactly what one JVM cannot catch.
 */
class DeterminismTest {

    @Test
    void twoJvmsReadTheWholeCorpusTheSame(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.tsv");
        Path second = dir.resolve("second.tsv");
        Process a = start(first, dir.resolve("first.log"));
        Process b = start(second, dir.resolve("second.log"));
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("a classifying JVM finished").isTrue();
            assertThat(p.exitValue()).as("exit code; see " + dir).isZero();
        }
        List<String> one = Files.readAllLines(first);
        List<String> two = Files.readAllLines(second);
        assertThat(one).hasSizeGreaterThan(20_000);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(one.size(), two.size()); i++) {
            if (!one.get(i).equals(two.get(i))) {
                differences.add(one.get(i) + "  vs  " + two.get(i));
            }
        }
        System.out.printf("determinism: %d texts read in two JVMs, %d differences%n", one.size(), differences.size());
        assertThat(differences).as("readings that differ between two JVM starts").isEmpty();
        assertThat(two).hasSameSizeAs(one);
    }

    private static Process start(Path out, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), CorpusReadings.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Writes one line per corpus text: its reading, confidence, whether the bot would ask, and the text. */
    public static final class CorpusReadings {
        public static void main(String[] args) throws Exception {
            RequestInterpreter interpreter = RequestInterpreter.load();
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
                for (LabelledText t : Corpus.standard().texts()) {
                    Interpretation read = interpreter.interpret(t.text());
                    out.write(String.format(Locale.ROOT, "%s\t%.6f\t%s\t%s%n", read.type() == null ? "none" : read.type().wireName(),
                            read.confidence(), read.confident() ? "acts" : "asks", t.text().replace('\t', ' ').replace('\n', ' ')));
                }
            }
        }
    }
}
