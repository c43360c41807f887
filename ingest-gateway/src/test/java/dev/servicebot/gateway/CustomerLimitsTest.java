package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One customer against a real gateway (its own, with the default limits, so the other tests' customers
 * keep theirs): the connection cap, the frame rate with reads weighted, the customer's message rate over
 * all their sockets.
 */
@ExtendWith(DevStackExtension.class)
class CustomerLimitsTest {

    @Test
    void sixtyConnectionsForOneCustomerLeaveAtMostTheCapOpen(DevStack stack) {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo())) {
            int cap = gateway.config().limits().connectionsPerCustomer();
            assertThat(cap).isEqualTo(10); // the documented default
            List<ChatClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    clients.add(ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002")));
                }
                int refused = 0;
                for (ChatClient client : clients.subList(cap, clients.size())) {
                    assertThat(client.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
                    refused++;
                }
                assertThat(refused).isEqualTo(60 - cap);
                for (ChatClient client : clients.subList(0, cap)) {
                    assertThat(client.next("connected").get("customerId").asText()).isEqualTo("cust_002");
                    assertThat(client.isOpen()).isTrue();
                }
            } finally {
                clients.forEach(ChatClient::close);
            }
            // Sockets given back are slots free again (the server may take a moment to see the closes).
            clients.forEach(c -> c.closeCode(Duration.ofSeconds(10)));
            long deadline = System.currentTimeMillis() + 5_000;
            while (true) {
                try (ChatClient again = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002"))) {
                    JsonNode first = again.next(null, Duration.ofSeconds(2));
                    assertThat(first.path("type").asText()).isEqualTo("connected");
                    break;
                } catch (AssertionError refusedStill) {
                    if (System.currentTimeMillis() > deadline) {
                        throw refusedStill;
                    }
                }
            }
        }
    }

    @Test
    void aHundredResumeFramesAreRateLimitedAndTheSocketStaysOpen(DevStack stack) throws InterruptedException {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo());
             ChatClient client = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_001"))) {
            client.next("connected");
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                client.send(Map.of("action", "resume"));
            }
            int answered = 0;
            int limited = 0;
            for (int i = 0; i < 100; i++) {
                JsonNode frame = client.next(null, Duration.ofSeconds(10));
                if ("error".equals(frame.path("type").asText())) {
                    assertThat(frame.get("code").asText()).isEqualTo("rate_limited");
                    assertThat(frame.get("retryable").asBoolean()).isTrue();
                    limited++;
                } else {
                    assertThat(frame.path("type").asText()).isEqualTo("missed");
                    answered++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CustomerLimits.Settings limits = gateway.config().limits();
            // The burst of frames, plus what refilled while they were sent, each resume costing READ_COST.
            double allowed = (limits.frameBurst() + limits.framesPerSecond() * seconds) / CustomerLimits.READ_COST + 1;
            assertThat(answered).as("resumes answered in %.2f s", seconds).isGreaterThan(0).isLessThanOrEqualTo((int) allowed);
            assertThat(limited).isEqualTo(100 - answered);
            Thread.sleep(1000); // every frame spent a token, refused or not: a second refills 20
            client.send(Map.of("action", "ping"));
            assertThat(client.next("pong", Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    void moreSocketsDoNotMultiplyWhatOneCustomerMaySend(DevStack stack) {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo())) {
            CustomerLimits.Settings limits = gateway.config().limits();
            int sockets = 5; // each within its own rate: 5 x 20 = 100 messages, more than the customer's burst of 60
            List<ChatClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < sockets; i++) {
                    ChatClient c = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_003"));
                    c.next("connected");
                    clients.add(c);
                }
                long started = System.nanoTime();
                for (int m = 0; m < limits.messageBurst(); m++) {
                    for (int s = 0; s < sockets; s++) {
                        clients.get(s).send(Map.of("action", "sendMessage", "text", "limits " + s + "-" + m, "clientMessageId", "lim-" + s + "-" + m));
                    }
                }
                int acked = 0;
                int limited = 0;
                for (ChatClient c : clients) {
                    for (int m = 0; m < limits.messageBurst(); m++) {
                        JsonNode frame = c.next(null, Duration.ofSeconds(15));
                        if ("ack".equals(frame.path("type").asText())) {
                            acked++;
                        } else {
                            assertThat(frame.path("code").asText()).isEqualTo("rate_limited");
                            limited++;
                        }
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double allowed = limits.customerMessageBurst() + limits.customerMessagesPerSecond() * seconds + 1;
                assertThat(acked).as("acked in %.2f s", seconds).isGreaterThanOrEqualTo(limits.messageBurst()).isLessThanOrEqualTo((int) allowed);
                assertThat(limited).isEqualTo(sockets * limits.messageBurst() - acked).isPositive();
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    @Test
    void malformedAndBinaryFramesSpendTheFrameBudgetToo(DevStack stack) {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo());
             ChatClient client = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_001"))) {
            client.next("connected");
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    client.send("{not json " + i);
                } else {
                    client.sendBinary(new byte[]{1, 2, 3});
                }
            }
            int answered = 0;
            int limited = 0;
            for (int i = 0; i < 100; i++) {
                String code = client.next("error", Duration.ofSeconds(10)).get("code").asText();
                if (code.equals("rate_limited")) {
                    limited++;
                } else {
                    assertThat(code).isIn("invalid_json", "binary_not_supported");
                    answered++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CustomerLimits.Settings limits = gateway.config().limits();
            assertThat(answered).as("answered in %.2f s", seconds).isLessThanOrEqualTo((int) (limits.frameBurst() + limits.framesPerSecond() * seconds) + 1);
            assertThat(limited).isPositive().isEqualTo(100 - answered);
        }
    }

    @Test
    void moreSocketsDoNotMultiplyWhatOneCustomerMayRead(DevStack stack) {
        // A customer refill of 1 a second: the bound then holds however slowly dynalite answers.
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(),
                Map.of("SERVICEBOT_CUSTOMER_FRAME_RATE_PER_SECOND", "1")), stack.dynamo())) {
            CustomerLimits.Settings limits = gateway.config().limits();
            int sockets = 8; // each within its own frame rate: 8 x 8 reads, more than the customer's burst of reads
            int perSocket = limits.frameBurst() / CustomerLimits.READ_COST;
            List<ChatClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < sockets; i++) {
                    ChatClient c = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002"));
                    c.next("connected");
                    clients.add(c);
                }
                long started = System.nanoTime();
                for (int r = 0; r < perSocket; r++) {
                    for (ChatClient c : clients) {
                        c.send(Map.of("action", "history"));
                    }
                }
                int answered = 0;
                for (ChatClient c : clients) {
                    for (int r = 0; r < perSocket; r++) {
                        JsonNode frame = c.next(null, Duration.ofSeconds(15));
                        if ("history".equals(frame.path("type").asText())) {
                            answered++;
                        } else {
                            assertThat(frame.path("code").asText()).isEqualTo("rate_limited");
                        }
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double allowed = (limits.customerFrameBurst() + limits.customerFramesPerSecond() * seconds) / CustomerLimits.READ_COST + 1;
                assertThat(answered).as("reads answered in %.2f s", seconds).isPositive().isLessThanOrEqualTo((int) allowed)
                        .isLessThan(sockets * perSocket);
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a write that blocks for ever would otherwise hang the build instead of failing it
    void aClientThatSendsButNeverReadsIsDroppedBeforeItsAnswersFillTheGateway(DevStack stack) throws Exception {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo());
             java.net.Socket raw = new java.net.Socket()) {
            raw.setReceiveBufferSize(4096); // the client's kernel takes little before the gateway must queue
            raw.connect(new java.net.InetSocketAddress("127.0.0.1", gateway.publicPort()));
            var out = raw.getOutputStream();
            out.write(("GET /chat?token=" + GatewayHarness.token("cust_001") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(raw.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 101");
            // From here on nothing is read: every pong and rate_limited error waits at the gateway.
            byte[] ping = "{\"action\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] frame = new byte[2 + 4 + ping.length];
            frame[0] = (byte) 0x81; // final text frame
            frame[1] = (byte) (0x80 | ping.length); // masked, as every client frame must be
            for (int i = 0; i < ping.length; i++) {
                frame[6 + i] = (byte) (ping[i] ^ frame[2 + (i % 4)]); // mask key 0,0,0,0
            }
            long started = System.nanoTime();
            long sentFrames = 0;
            boolean dropped = false;
            while (!dropped && System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
                try {
                    for (int i = 0; i < 200; i++) {
                        out.write(frame);
                    }
                    out.flush();
                    sentFrames += 200;
                } catch (java.io.IOException e) {
                    dropped = true;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(dropped).as("dropped after %d frames, %.1f s", sentFrames, seconds).isTrue();
            // The gateway is fine for everybody else, and the dropped socket's slot is free again.
            try (ChatClient other = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002"))) {
                other.next("connected");
                other.send(Map.of("action", "ping"));
                assertThat(other.next("pong")).isNotNull();
            }
            List<ChatClient> again = new ArrayList<>();
            try {
                for (int i = 0; i < gateway.config().limits().connectionsPerCustomer(); i++) {
                    ChatClient c = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_001"));
                    again.add(c);
                    assertThat(c.next("connected", Duration.ofSeconds(10))).as("socket %d of the cap", i + 1).isNotNull();
                }
            } finally {
                again.forEach(ChatClient::close);
            }
        }
    }

    @Test
    void anAgentsSocketsAndFramesAreCappedLikeACustomers(DevStack stack) throws Exception {
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo())) {
            CustomerLimits.Settings limits = gateway.config().limits();
            String token = new DevTokens(GatewayConfig.DEV_SECRET).issueAgent("agent_001", "Sam Rivera", Duration.ofMinutes(5));
            List<ChatClient> consoles = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    consoles.add(ChatClient.agent(gateway.publicPort(), token));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (consoles.stream().filter(c -> !c.isOpen()).count() < 20 - limits.connectionsPerCustomer() && System.nanoTime() < deadline) {
                    Thread.sleep(50); // the refused consoles' 1008s are on their way
                }
                List<ChatClient> closed = consoles.stream().filter(c -> !c.isOpen()).toList();
                assertThat(consoles.size() - closed.size()).isEqualTo(limits.connectionsPerCustomer());
                assertThat(closed).allSatisfy(c -> assertThat(c.closeCode(Duration.ofSeconds(1))).isEqualTo(1008));
                ChatClient console = consoles.stream().filter(ChatClient::isOpen).findFirst().orElseThrow();
                console.next("queue", Duration.ofSeconds(5));
                for (int i = 0; i < 100; i++) {
                    console.send(Map.of("action", "history", "conversationId", "conv-agent-flood"));
                }
                int limited = 0;
                for (int i = 0; i < 100; i++) {
                    JsonNode error = console.next("error", Duration.ofSeconds(10));
                    if ("rate_limited".equals(error.get("code").asText())) {
                        limited++;
                    }
                }
                assertThat(limited).as("of 100 history reads").isGreaterThan(50);
            } finally {
                consoles.forEach(ChatClient::close);
            }
        }
    }
}
