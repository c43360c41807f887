package dev.servicebot.cli.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servicebot.cli.ProcessStack;
import dev.servicebot.topics.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite (bench/faults.sh): the compose topology as OS processes under chat-page-like load;
 * a kill -9 of each component, restarted on the same data after 5 s; then, with two processors, a
 * rolling restart (SIGTERM one, then the other) and a kill -9 of one that stays dead. Prints a table
 * and writes bench/results/faults.json and faults.md.
 * Args: [clients=20] [messages per second=50] [seconds before the fault=15] [seconds after=30] [only=all]
 * ("only": a comma-separated list of components to kill, or "rolling" / "kill-one", to run part of the suite).
 * 50 msg/s by default: at 100 the whole topology as processes saturates this 2-core machine (the
 * processor's stream thread got ~20% of a core next to nine other processes and the load), so the
 * backlog an outage leaves never drains and every count measures the backlog rather than the fault.
 */
public final class FaultSuiteBenchmark {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Duration before = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 15);
        Duration after = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 30);
        Duration down = Duration.ofSeconds(5);
        List<String> only = args.length > 4 ? List.of(args[4].split(",")) : List.of();
        List<FaultRun.Result> results = new ArrayList<>();
        try (ProcessStack stack = ProcessStack.start(new ProcessStack.Options(Files.createTempDirectory("faults-1"), true, 1, "faults"))) {
            FaultRun run = new FaultRun(stack);
            for (String component : List.of("processor-1", "sink", "notifier", "gateway-a", "broker", "dynamodb")) {
                if (!only.isEmpty() && !only.contains(component)) {
                    continue;
                }
                FaultRun.Result r = run.run(FaultRun.Fault.kill(component, down), clients, rate, before, after);
                System.out.println(r);
                results.add(r);
            }
        }
        boolean pair = only.isEmpty() || only.contains("rolling") || only.contains("kill-one");
        try (ProcessStack stack = pair ? ProcessStack.start(new ProcessStack.Options(Files.createTempDirectory("faults-2"), true, 2, "faults")) : null) {
            FaultRun run = new FaultRun(stack);
            FaultRun.Fault rolling = new FaultRun.Fault("rolling restart, 2 processors (SIGTERM each in turn)", s -> {
                for (String p : List.of("processor-1", "processor-2")) {
                    s.stop(p);
                    s.start(p);
                    s.awaitWorking(p, Duration.ofSeconds(120));
                }
            }, "processor-2");
            FaultRun.Fault killOne = new FaultRun.Fault("kill -9 processor-2 of 2, not restarted",
                    s -> s.kill("processor-2"), "processor-1");
            for (FaultRun.Fault fault : pair ? List.of(rolling, killOne) : List.<FaultRun.Fault>of()) {
                if (!only.isEmpty() && !only.contains(fault == rolling ? "rolling" : "kill-one")) {
                    continue;
                }
                FaultRun.Result r = run.run(fault, clients, rate, before, after);
                System.out.println(r);
                results.add(r);
            }
        }
        String table = table(results, clients, rate, before, after);
        System.out.println(table);
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "fault suite: the compose topology as OS processes, kill -9 / SIGTERM under chat-page-like load");
        json.put("date", Instant.now().toString());
        json.put("clients", clients);
        json.put("messagesPerSecond", rate);
        json.put("secondsBefore", before.toSeconds());
        json.put("secondsAfter", after.toSeconds());
        json.put("downSeconds", down.toSeconds());
        json.put("results", results);
        String name = only.isEmpty() ? "faults" : "faults-" + String.join("-", only); // part of the suite: its own file
        Files.write(dir.resolve(name + ".json"), Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        Files.writeString(dir.resolve(name + ".md"), table);
    }

    static String table(List<FaultRun.Result> results, int clients, int rate, Duration before, Duration after) {
        StringBuilder t = new StringBuilder("Fault suite (" + Instant.now() + "): " + clients + " clients, " + rate + " msg/s, fault after "
                + before.toSeconds() + " s, load for " + after.toSeconds() + " s more; killed components restarted after 5 s.\n"
                + "working s: from the restart until its /health says it holds its work (its partitions, Kafka); first reply s: until a new "
                + "message through it is answered (behind any backlog the outage left); drain s: from the end of the load until every "
                + "client has its replies and the processor and sink groups have lag 0. Counts are taken after the drain.\n\n");
        t.append("| fault | sent | acked | lost | dup messages | inbound resend copies | dup history | dup replies (committed / uncommitted) "
                + "| dup device commands | replies never received | dup frames | working s | first reply s | drain s |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultRun.Result r : results) {
            t.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d / %d | %d | %d | %d | %.1f | %.1f | %.1f |%n", r.scenario(), r.sent(), r.acked(),
                    r.lost(), r.duplicateMessages(), r.inboundResendCopies(), r.duplicateHistory(), r.duplicateReplies(),
                    r.duplicateRepliesUncommitted(), r.duplicateDeviceCommands(), r.repliesNeverReceived(), r.duplicateFrames(), r.workingSeconds(), r.recoverySeconds(), r.drainSeconds()));
        }
        return t.toString();
    }
}
