package dev.servicebot.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %escapedMsg} in log patterns: the message with every control character written as an escape
 * ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}), so a string a client chose (a close
 * reason, a text, an id) can neither start a forged log line nor send terminal escapes. One place for
 * every log call, rather than each call remembering to escape. Stack traces still print on their own lines.
 */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return escaped(event.getFormattedMessage());
    }

    static String escaped(String message) {
        if (message == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'; // Unicode line separators too
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? message : out.toString();
    }
}
