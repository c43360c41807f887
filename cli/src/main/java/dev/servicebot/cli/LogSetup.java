package dev.servicebot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The servicebot command's logging, set up in code (found by logback through META-INF/services): its
 * XML configuration cost 1-2.4 s of every service's start on a busy machine (an XML parser and
 * logback's configuration model), and a restarted service is measured in seconds. Kafka, the AWS SDK
 * and Jetty log at WARN ({@code SERVICEBOT_LOG_KAFKA} sets Kafka's level), everything else at
 * {@code SERVICEBOT_LOG_LEVEL} (INFO). {@code -Dlogback.configurationFile=...} still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-9component %-5level %logger{0} - %escapedMsg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Map<String, String> env = System.getenv();
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>)
                context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("component", ComponentConverter::new);
        rules.put("escapedMsg", EscapedMessageConverter::new); // client-chosen text never forges a line

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(env.get("SERVICEBOT_LOG_LEVEL"), Level.INFO));
        root.addAppender(out);
        Level kafka = Level.toLevel(env.get("SERVICEBOT_LOG_KAFKA"), Level.WARN);
        for (String name : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            context.getLogger(name).setLevel(kafka);
        }
        // "Connection could not be established" every second says less than the one error we print.
        context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.ERROR);
        // Two exactly-once applications starting together both ask for __transaction_state; the
        // loser's "already exists" is harmless and was twenty lines of noise on every `up`.
        context.getLogger("org.apache.kafka.server.DefaultAutoTopicCreationManager").setLevel(Level.ERROR);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
