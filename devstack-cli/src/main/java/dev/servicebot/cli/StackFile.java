package dev.servicebot.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code .servicebot/stack.json}: what `up` started, for scripts and tests to find. */
final class StackFile {
    private final Path path;

    StackFile(Path path) {
        this.path = path;
    }

    void write(DevStack stack, Path dataDir, GatewayServer gateway) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("bootstrapServers", stack.bootstrapServers());
        kafka.put("dataDir", stack.kafka().dataDir().toAbsolutePath().toString());
        Map<String, Object> dynamo = new LinkedHashMap<>();
        dynamo.put("endpoint", stack.dynamoEndpoint().toString());
        dynamo.put("pid", stack.dynalite().pid());
        dynamo.put("dataDir", dataDir == null ? null : dataDir.resolve("dynamodb").toAbsolutePath().toString());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("startedAt", Instant.now().toString());
        state.put("environment", stack.tables().environment());
        state.put("dataDir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
        state.put("kafka", kafka);
        state.put("dynamodb", dynamo);
        state.put("gateway", Map.of("url", "http://127.0.0.1:" + gateway.publicPort(),
                "internalUrl", gateway.config().deliveryUrl(), "gatewayId", gateway.config().gatewayId()));
        state.put("tables", stack.tables().all());
        state.put("topics", Topics.ALL.stream().map(Topic::name).toList());
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.write(path, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort on the way out; a stale file names pids that are gone.
        }
    }
}
