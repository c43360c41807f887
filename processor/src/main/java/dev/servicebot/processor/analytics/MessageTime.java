package dev.servicebot.processor.analytics;

import dev.servicebot.topics.model.HistoryMessage;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A history record's time is the message's own timestamp, so its hour is the hour a reader of the
 * history topic would put it in, whenever it was (re)written.
 */
final class MessageTime implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof HistoryMessage message) {
            try {
                return Instant.parse(message.timestamp()).toEpochMilli();
            } catch (RuntimeException e) {
                // fall through: an unreadable time counts at the record's own time
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
