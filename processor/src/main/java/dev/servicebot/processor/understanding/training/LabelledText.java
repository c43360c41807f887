package dev.servicebot.processor.understanding.training;

import java.util.Map;

/**
 * One labelled message of the corpus.
 *
 * @param label      a request type's wire name, or {@code none}
 * @param parameters what the message states, e.g. {@code to=bedroom} (may be empty)
 * @param source     where it comes from: {@code in-domain/<author>.tsv:<line>}, {@code frozen-test/<author>.tsv:<line>}, {@code hwu64:<id>}, {@code clinc150:<id>}
 * @param split      which split the corpus rule put it in
 */
public record LabelledText(String label, String text, Map<String, String> parameters, String source, Split split) {

    public enum Split { TRAIN, DEV, TEST }

    public LabelledText {
        parameters = Map.copyOf(parameters);
    }

    /** Whether it was written for this project (not public data). */
    public boolean inDomain() {
        return source.startsWith(Corpus.IN_DOMAIN) || source.startsWith(Corpus.FROZEN_TEST);
    }
}
