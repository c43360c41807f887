package dev.servicebot.processor.understanding.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicebot.processor.understanding.training.LabelledText.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled corpus: the project's own messages ({@code processor/corpus/in-domain/*.tsv}) and the
 * public HWU64 and CLINC150 rows in {@code shared/data/}, each put in train, dev or test by a fixed rule
 * on its normalized text (see the corpus README), so the split never depends on who runs it.
 */
public record Corpus(List<LabelledText> texts) {

    /** Public rows that are held out: HWU64 fold 5 and CLINC150's validation split. */
    static final int HWU_HELD_OUT_FOLD = 5;
    static final String CLINC_HELD_OUT_SPLIT = "val";
    static final String IN_DOMAIN = "in-domain/";
    static final String FROZEN_TEST = "frozen-test/";
    /** The labels a corpus line may carry: the catalogue's request types and {@code none}. */
    static final Set<String> LABELS = labels();

    private static Set<String> labels() {
        Set<String> labels = new java.util.TreeSet<>(Set.of("none"));
        dev.servicebot.topics.model.RequestCatalogue.standard().types().forEach(t -> labels.add(t.wireName()));
        return labels;
    }

    public Corpus {
        texts = List.copyOf(texts);
    }

    /**
     * @param inDomainDir   the folder of the project's own .tsv files (train and dev)
     * @param frozenTestDir the folder of the frozen test .tsv files (all test), or null
     * @param publicDir     {@code shared/data}, or null to leave the public data out
     */
    public static Corpus load(Path inDomainDir, Path frozenTestDir, Path publicDir) {
        List<LabelledText> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            // The frozen test split is read first, so a training text that repeats a test text is the one dropped.
            if (frozenTestDir != null) {
                for (Path file : tsvFiles(frozenTestDir)) {
                    readTsv(file, FROZEN_TEST + file.getFileName(), Split.TEST, all, seen);
                }
            }
            for (Path file : tsvFiles(inDomainDir)) {
                readTsv(file, IN_DOMAIN + file.getFileName(), null, all, seen);
            }
            if (publicDir != null) {
                readJsonl(publicDir.resolve("hwu64/hwu64-mapped-folds1-5.jsonl"), "hwu64", all, seen);
                readJsonl(publicDir.resolve("clinc150/clinc150-mapped-train-val.jsonl"), "clinc150", all, seen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Corpus(all);
    }

    /**
     * The repository's corpus, found from the processor module or the project root; the public data
     * is {@code ../shared/data} beside the project (or {@code SERVICEBOT_PUBLIC_DATA}).
     */
    public static Corpus standard() {
        Path inDomain = locate("processor/corpus/in-domain", "corpus/in-domain");
        Path frozenTest = inDomain.resolveSibling("frozen-test");
        Path project = inDomain.toAbsolutePath().getParent().getParent().getParent();
        String override = System.getenv("SERVICEBOT_PUBLIC_DATA");
        Path shared = override != null ? Path.of(override) : project.resolve("../shared/data").normalize();
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the public data is not at " + shared + " (set SERVICEBOT_PUBLIC_DATA)");
        }
        return load(inDomain, frozenTest, shared);
    }

    private static List<Path> tsvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList();
        }
    }

    public List<LabelledText> split(Split split) {
        return texts.stream().filter(t -> t.split() == split).toList();
    }

    /** The text as the duplicate check and the split see it: lower case, letters and digits, single spaces. */
    public static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** An in-domain text's split: dev for buckets 70-84, train otherwise. */
    /** The duplicate key: the text as the model reads it (contractions, spelling and typos normalized). */
    public static String sameAs(String text) {
        return dev.servicebot.processor.understanding.Utterance.of(text).normalized().strip();
    }

    static Split inDomainSplit(String normalizedText) {
        int bucket = bucket(normalizedText);
        // The 85-99 bucket was the first test split; once its misses had been read it became training data.
        return bucket >= 70 && bucket < 85 ? Split.DEV : Split.TRAIN;
    }

    /** 0-99 from the SHA-256 of the text: the same on every machine and JVM. */
    static int bucket(String normalizedText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalizedText.getBytes(StandardCharsets.UTF_8));
            return Math.floorMod(((hash[0] & 0xff) << 8) | (hash[1] & 0xff), 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code split}: the split of every line, or null to split each by its hash. */
    private static void readTsv(Path file, String source, Split split, List<LabelledText> out, Set<String> seen) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length < 2 || parts.length > 3 || parts[1].isBlank()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected label<TAB>text[<TAB>parameters]");
            }
            add(out, seen, parts[0].strip(), parts[1].strip(), parts.length == 3 ? parameters(parts[2], source + ":" + (i + 1)) : Map.of(),
                    source + ":" + (i + 1), split);
        }
    }

    private static void readJsonl(Path file, String source, List<LabelledText> out, Set<String> seen) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            boolean heldOut = row.path("fold").asInt(0) == HWU_HELD_OUT_FOLD || CLINC_HELD_OUT_SPLIT.equals(row.path("split").asText());
            add(out, seen, row.get("request_type").asText(), row.get("text").asText(), Map.of(), source + ":" + row.get("id").asText(),
                    heldOut ? (bucket(normalized(row.get("text").asText())) < 50 ? Split.DEV : Split.TEST) : Split.TRAIN);
        }
    }

    /**
     * Duplicates are kept once, first come (frozen test, then in-domain files, then public data). A
     * duplicate is the same text as the model reads it ({@link #sameAs}), so "whats the news" and
     * "what's the news", or "pls" and "please", count as one.
     */
    private static void add(List<LabelledText> out, Set<String> seen, String label, String text, Map<String, String> parameters,
                            String source, Split split) {
        String key = normalized(text);
        if (key.isEmpty() || !seen.add(sameAs(text))) {
            return;
        }
        if (!LABELS.contains(label)) {
            throw new IllegalArgumentException(source + ": unknown label '" + label + "'; expected one of " + LABELS);
        }
        out.add(new LabelledText(label, text, parameters, source, split != null ? split : inDomainSplit(key)));
    }

    private static Map<String, String> parameters(String column, String where) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : column.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": parameter '" + pair + "' is not key=value");
            }
            parameters.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return parameters;
    }

    private static Path locate(String... candidates) {
        for (String candidate : candidates) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path path = dir.resolve(candidate);
                if (Files.isDirectory(path)) {
                    return path;
                }
            }
        }
        throw new IllegalStateException("cannot find the corpus (" + String.join(" or ", candidates) + ") from " + Path.of("").toAbsolutePath());
    }
}
