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

    public Corpus {
        texts = List.copyOf(texts);
    }

    /**
     * @param inDomainDir the folder of the project's own .tsv files
     * @param publicDir   {@code shared/data}, or null to leave the public data out
     */
    public static Corpus load(Path inDomainDir, Path publicDir) {
        List<LabelledText> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Stream<Path> files = Files.list(inDomainDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                readTsv(file, "in-domain/" + file.getFileName(), all, seen);
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
        Path project = inDomain.toAbsolutePath().getParent().getParent().getParent();
        String override = System.getenv("SERVICEBOT_PUBLIC_DATA");
        Path shared = override != null ? Path.of(override) : project.resolve("../shared/data").normalize();
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the public data is not at " + shared + " (set SERVICEBOT_PUBLIC_DATA)");
        }
        return load(inDomain, shared);
    }

    public List<LabelledText> split(Split split) {
        return texts.stream().filter(t -> t.split() == split).toList();
    }

    /** The text as the duplicate check and the split see it: lower case, letters and digits, single spaces. */
    public static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static Split splitOf(String normalizedText, boolean heldOutPublic, boolean publicData) {
        int bucket = bucket(normalizedText);
        if (publicData) {
            return !heldOutPublic ? Split.TRAIN : bucket < 50 ? Split.DEV : Split.TEST;
        }
        return bucket < 70 ? Split.TRAIN : bucket < 85 ? Split.DEV : Split.TEST;
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

    private static void readTsv(Path file, String source, List<LabelledText> out, Set<String> seen) throws IOException {
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
                    source + ":" + (i + 1), false, false);
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
            add(out, seen, row.get("request_type").asText(), row.get("text").asText(), Map.of(), source + ":" + row.get("id").asText(), true, heldOut);
        }
    }

    /** Duplicates (by normalized text) are kept once, first come: in-domain files before public data. */
    private static void add(List<LabelledText> out, Set<String> seen, String label, String text, Map<String, String> parameters,
                            String source, boolean publicData, boolean heldOut) {
        String key = normalized(text);
        if (key.isEmpty() || !seen.add(key)) {
            return;
        }
        out.add(new LabelledText(label, text, parameters, source, splitOf(key, heldOut, publicData)));
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
