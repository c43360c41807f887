package dev.servicebot.topics;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that is not valid JSON, does not match its type, or breaks a data-model rule.
 * It is a Kafka {@link SerializationException}, so consumers and Kafka Streams' deserialization
 * handlers see it as a poison record rather than as a crash of the service.
 */
public class InvalidRecordException extends SerializationException {
    private final String recordType;
    private final List<String> problems;

    public InvalidRecordException(String recordType, List<String> problems) {
        this(recordType, problems, null);
    }

    public InvalidRecordException(String recordType, List<String> problems, Throwable cause) {
        super("invalid " + recordType + ": " + String.join("; ", problems), cause);
        this.recordType = recordType;
        this.problems = List.copyOf(problems);
    }

    /** The record type that was expected, e.g. {@code Customer}. */
    public String recordType() {
        return recordType;
    }

    /** Each broken rule, in words a person can act on. */
    public List<String> problems() {
        return problems;
    }
}
