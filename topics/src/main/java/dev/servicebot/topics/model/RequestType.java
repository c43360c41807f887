package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * What a customer asks for, by its wire name. What a type means lives in the
 * {@link RequestCatalogue}; whether a tier may do it is data (the service levels).
 *
 * <p>Readers are tolerant: a wire name this build does not know (written by a newer producer)
 * still reads, as a type that is not {@link #known()}, so adding a type never breaks a consumer.
 */
public record RequestType(String wireName) {

    public RequestType {
        Objects.requireNonNull(wireName, "wireName");
        if (wireName.isBlank()) {
            throw new IllegalArgumentException("a request type needs a wire name");
        }
    }

    /** The type with this wire name, known to this build or not. */
    @JsonCreator
    public static RequestType of(String wireName) {
        return new RequestType(wireName);
    }

    /** The name on the wire and in DynamoDB, e.g. {@code device_relocation}. */
    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** Whether this build's catalogue defines the type. */
    public boolean known() {
        return RequestCatalogue.standard().find(wireName).isPresent();
    }

    /** The catalogue entry; only for a {@link #known()} type. */
    public CatalogueEntry entry() {
        return RequestCatalogue.standard().entry(this);
    }

    /**
     * The actions this request needs; a tier allows the request only if it allows all of them.
     * Empty when the type needs none (every tier may) and when it is unknown (see {@link #known()}).
     */
    public List<String> requiredActions() {
        return RequestCatalogue.standard().find(wireName).filter(e -> e.action() != null)
                .map(e -> List.of(e.action())).orElse(List.of());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
