package dev.servicebot.processor;

import dev.servicebot.topics.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the processor cannot read or cannot process goes to the DLQ topic, untouched, with
 * headers naming its source and the error; the partition keeps flowing. The DLQ record is written
 * in the same transaction as the offset that skips it, so nothing is lost or set aside twice.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
    static final String STAGE = "processor";

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                                Exception error) {
        log.warn("unreadable record {}-{}@{} set aside: {}", context.topic(), context.partition(), context.offset(), error.getMessage());
        return DeserializationExceptionHandler.Response.resume(List.of(
                DeadLetter.of(STAGE, context.topic(), context.partition(), context.offset(), record.key(), record.value(),
                        record.headers(), error)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        log.error("record {}-{}@{} failed in {} and was set aside", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), error);
        return ProcessingExceptionHandler.Response.resume(List.of(
                DeadLetter.of(STAGE, context.topic(), context.partition(), context.offset(),
                        context.sourceRawKey(), context.sourceRawValue(), context.headers(), error)));
    }
}
