package dev.servicebot.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %component} in log patterns: which part of the stack wrote a line (kafka, dynalite,
 * processor, gateway...), since `up` runs them all in one process.
 */
public final class ComponentConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String component = event.getMDCPropertyMap().get("component");
        if (component != null) {
            return component;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith("kafka.") || logger.startsWith("org.apache.kafka.") || logger.equals("state.change.logger")) {
            return logger.startsWith("org.apache.kafka.streams") ? "streams" : "kafka";
        }
        if (logger.startsWith("dynalite")) {
            return "dynalite";
        }
        if (logger.startsWith("dev.servicebot.")) {
            String rest = logger.substring("dev.servicebot.".length());
            int dot = rest.indexOf('.');
            return dot < 0 ? rest : rest.substring(0, dot);
        }
        if (logger.startsWith("software.amazon")) {
            return "aws-sdk";
        }
        if (logger.startsWith("io.javalin") || logger.startsWith("org.eclipse.jetty")) {
            return "http";
        }
        return "servicebot";
    }
}
