package dev.servicebot.topics.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every request type the product knows, in one file ({@code request-types.json}): the single
 * place a type is defined. Code asks the catalogue about a type's properties; it never lists types.
 */
public final class RequestCatalogue {
    private static final String RESOURCE = "/request-types.json";
    private static final RequestCatalogue STANDARD = load();

    private final List<CatalogueEntry> entries;
    private final Map<String, CatalogueEntry> byType;
    private final Map<String, String> actionPhrases;

    public RequestCatalogue(List<CatalogueEntry> entries) {
        Map<String, CatalogueEntry> byType = new LinkedHashMap<>();
        for (CatalogueEntry e : entries) {
            if (byType.put(e.type(), e) != null) {
                throw new IllegalStateException("request type '" + e.type() + "' is defined twice in " + RESOURCE);
            }
            if ((e.action() == null) != (e.can() == null) || e.target() == null || e.effect() == null || e.reading() == null
                    || e.reply(null) == null) {
                throw new IllegalStateException("request type '" + e.type() + "' in " + RESOURCE
                        + " needs target, effect, reading, a default (*) reply, and both action and can or neither");
            }
        }
        this.entries = List.copyOf(entries);
        this.byType = Map.copyOf(byType);
        Map<String, String> phrases = new LinkedHashMap<>();
        entries.stream().filter(e -> e.action() != null).forEach(e -> phrases.put(e.action(), e.can()));
        this.actionPhrases = Collections.unmodifiableMap(phrases);
    }

    /** The catalogue shipped with this build. */
    public static RequestCatalogue standard() {
        return STANDARD;
    }

    /** Every type, in catalogue order. */
    public List<RequestType> types() {
        return entries.stream().map(e -> new RequestType(e.type())).toList();
    }

    public List<CatalogueEntry> entries() {
        return entries;
    }

    public Optional<CatalogueEntry> find(String wireName) {
        return Optional.ofNullable(byType.get(wireName));
    }

    /** The entry of a known type; fails for a type this build does not know (check {@link RequestType#known()}). */
    public CatalogueEntry entry(RequestType type) {
        return find(type.wireName()).orElseThrow(() -> new IllegalArgumentException(
                "request type '" + type.wireName() + "' is not in this build's catalogue; known: " + entries.stream().map(CatalogueEntry::type).toList()));
    }

    /** Action name → the action in the customer's words ("music_services" → "play music"). */
    public Map<String, String> actionPhrases() {
        return actionPhrases;
    }

    private static RequestCatalogue load() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        try (InputStream in = RequestCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = json.readTree(in);
            List<CatalogueEntry> entries = new ArrayList<>();
            for (JsonNode node : root.path("types")) {
                entries.add(json.treeToValue(node, CatalogueEntry.class));
            }
            return new RequestCatalogue(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
