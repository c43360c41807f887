package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The services' log lines, written through the real configuration: what a client sends cannot forge a line. */
class LogSetupTest {

    @Test
    void aCloseReasonWithALineBreakForgesNoLogLine() {
        String reason = "bye\r\n12:00:00.000 gateway   INFO  ChatSocket - connection c-1 opened for cust_003\u001b[2J\u2028x";
        String out = logged(context -> context.getLogger("dev.servicebot.gateway.ChatSocket")
                // exactly as ChatSocket logs a close: the reason is the client's
                .info("connection {} closed ({} {})", "c-9", 1000, reason));
        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("closed (1000 bye\\r\\n12:00:00.000 gateway   INFO  ChatSocket - connection c-1 opened for cust_003\\u001b[2J\\u2028x)")
                .doesNotContain("\u001b");
    }

    @Test
    void stackTracesStillPrintOnTheirOwnLines() {
        String out = logged(context -> context.getLogger("dev.servicebot.sink.DynamoSink").warn("write failed", new IllegalStateException("boom")));
        assertThat(out.lines().count()).isGreaterThan(2);
        assertThat(out.lines().findFirst().orElseThrow()).endsWith("write failed");
        assertThat(out).contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(EscapedMessageConverter.escaped("customer cust_001: UPSERT applied (Küche, 3 devices)"))
                .isEqualTo("customer cust_001: UPSERT applied (Küche, 3 devices)");
    }

    private static String logged(java.util.function.Consumer<LoggerContext> log) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as slf4j's provider gives every context
        try {
            new LogSetup().configure(context);
            log.accept(context);
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
