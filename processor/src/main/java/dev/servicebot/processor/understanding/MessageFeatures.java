package dev.servicebot.processor.understanding;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the request model sees of a message: its meaning vector (the sentence encoder) followed by
 * the word unigrams and bigrams of its normalized text that the training corpus knows. The vector
 * generalizes to new wording; the words keep the cues a vector blurs ("louder" vs "quieter" sit
 * close in meaning but the words decide the request's parameters, and "order" is never a device).
 *
 * @param vocabulary  n-gram to feature index (indices after the vector's)
 * @param vectorScale weight of the vector against the words, chosen on the dev split
 */
public record MessageFeatures(Map<String, Integer> vocabulary, double vectorScale) {

    public MessageFeatures {
        vocabulary = Map.copyOf(vocabulary);
    }

    /** Feature count for the model: the vector's dimensions, then the vocabulary. */
    public int size() {
        return SentenceEncoder.DIMENSIONS + vocabulary.size();
    }

    /** The n-grams of a normalized text, in order, duplicates kept. */
    public static List<String> ngrams(String normalizedText) {
        String[] words = normalizedText.strip().split(" ");
        List<String> grams = new ArrayList<>();
        String previous = "<s>";
        for (String word : words) {
            if (word.isEmpty() || word.equals(",")) {
                previous = "<s>";
                continue;
            }
            grams.add(word);
            grams.add(previous + " " + word);
            previous = word;
        }
        return grams;
    }

    /** liblinear's sparse vector: indices from 1, ascending. */
    public Feature[] of(float[] vector, String normalizedText) {
        TreeMap<Integer, Double> words = new TreeMap<>();
        List<String> grams = ngrams(normalizedText);
        for (String gram : grams) {
            Integer index = vocabulary.get(gram);
            if (index != null) {
                words.put(index, 1.0);
            }
        }
        double norm = words.isEmpty() ? 1 : Math.sqrt(words.size());
        Feature[] features = new Feature[SentenceEncoder.DIMENSIONS + words.size()];
        for (int i = 0; i < SentenceEncoder.DIMENSIONS; i++) {
            features[i] = new FeatureNode(i + 1, vector[i] * vectorScale);
        }
        int at = SentenceEncoder.DIMENSIONS;
        for (var entry : words.entrySet()) {
            features[at++] = new FeatureNode(entry.getKey(), entry.getValue() / norm);
        }
        return features;
    }
}
