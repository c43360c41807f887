package dev.servicebot.topics;

import java.util.List;

/** A record that knows the data-model rules it must satisfy. */
public interface Validated {

    /** Every rule this record breaks; empty when it is valid. */
    List<String> violations();

    /** This record, or an {@link InvalidRecordException} naming every broken rule. */
    default void requireValid() {
        List<String> problems = violations();
        if (!problems.isEmpty()) {
            throw new InvalidRecordException(getClass().getSimpleName(), problems);
        }
    }
}
