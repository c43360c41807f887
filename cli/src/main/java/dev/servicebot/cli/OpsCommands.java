package dev.servicebot.cli;

import dev.servicebot.cli.ops.DeadLetters;
import dev.servicebot.cli.ops.InboundReplay;
import dev.servicebot.cli.ops.Progress;
import dev.servicebot.cli.ops.TableRebuild;
import dev.servicebot.cli.ops.WindowStats;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.RequestTypeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ops and data-team tools: replay, rebuild-tables, dlq, stats. The work is done by the classes in {@code ops}. */
final class OpsCommands {
    private OpsCommands() {
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-run the customer messages of a time range through the running processor.",
                    "Messages are published again to the inbound topic, unchanged and marked with the servicebot.replay header: "
                            + "the processor re-answers them under the same ids and history keys (DynamoDB items are overwritten, "
                            + "never duplicated), does not repeat their actions, and the notifier does not push the replies."})
    static final class Replay implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--from", required = true, converter = TimeArgument.class, paramLabel = "TIME",
                description = "start, inclusive: 2026-11-26T10:00:00Z, 2026-11-26T10:00 (UTC), now, or -2h / -30m (before now)")
        Instant from;

        @Option(names = "--to", defaultValue = "now", converter = TimeArgument.class, paramLabel = "TIME",
                description = "end, inclusive (default: now)")
        Instant to;

        @Option(names = "--customer", paramLabel = "ID", description = "only this customer's messages")
        String customer;

        @Option(names = "--dry-run", description = "only say how many messages per partition would be replayed")
        boolean dryRun;

        @Override
        public Integer call() {
            InboundReplay replay = new InboundReplay(endpoints.bootstrapServers, from, to, customer);
            InboundReplay.Plan plan = replay.plan();
            System.out.printf("%s messages from %s to %s%s:%n", dryRun ? "would replay" : "replaying", from, to,
                    customer == null ? "" : " of " + customer);
            plan.perPartition().forEach((partition, count) -> System.out.printf("  %s-%d: %d%n", Topics.INBOUND.name(), partition, count));
            System.out.printf("  total: %d%n", plan.total());
            if (dryRun || plan.total() == 0) {
                return 0;
            }
            long started = System.nanoTime();
            InboundReplay.Result result;
            try (var producer = endpoints.producer(); ProgressBar bar = Progress.bar("replay", plan.total(), "msgs")) {
                result = replay.run(plan, producer, bar::stepTo);
            }
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            System.out.printf("replay %s: %d messages re-published in %.1f s (%.0f/s). The processor re-answers them; "
                            + "their replies carry servicebot.replay=%s and are not pushed to customers.%n",
                    result.replayId(), result.sent(), seconds, result.sent() / seconds, result.replayId());
            return 0;
        }
    }

    @Command(name = "rebuild-tables", mixinStandardHelpOptions = true,
            description = "Re-materialize DynamoDB tables from their topics (e.g. after a table was deleted or restored from an old backup).")
    static final class RebuildTables implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--table", paramLabel = "TABLE",
                description = "messages, customers, service-levels or connections (repeatable; default: all four)")
        List<String> tables = new ArrayList<>();

        @Override
        public Integer call() {
            List<TableRebuild.Table> chosen = tables.isEmpty() ? List.of(TableRebuild.Table.values())
                    : tables.stream().map(TableRebuild.Table::of).toList();
            try (DynamoDbClient dynamo = endpoints.dynamo()) {
                TableRebuild rebuild = new TableRebuild(endpoints.bootstrapServers, dynamo, endpoints.tables());
                for (TableRebuild.Table table : chosen) {
                    var range = rebuild.range(table);
                    TableRebuild.Result result;
                    try (ProgressBar bar = Progress.bar(table.option, range.size(), "records")) {
                        result = rebuild.run(table, range, bar::stepTo);
                        // The estimate counted transaction markers too; end the bar at what was really read.
                        bar.maxHint(result.records());
                        bar.stepTo(result.records());
                    }
                    System.out.printf("%s-%s: %d records read from %s, %d item writes (a later record of the same item replaces the earlier)%s%n", endpoints.environment, table.option,
                            result.records(), table.topic.name(), result.written(),
                            result.skipped() == 0 ? "" : ", " + result.skipped() + " unreadable records skipped (see `servicebot dlq list`)");
                }
            }
            return 0;
        }
    }

    @Command(name = "dlq", mixinStandardHelpOptions = true, description = "See what went to the dead-letter topic, and send records back after a fix.")
    static final class Dlq {

        @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per dead letter: offset, time, stage, source, error.")
        int list(@Mixin Endpoints endpoints) {
            List<DeadLetters.Entry> entries = new DeadLetters(endpoints.bootstrapServers).list();
            System.out.printf("%-8s %-24s %-12s %-40s %s%n", "OFFSET", "SET ASIDE", "STAGE", "SOURCE", "ERROR");
            for (DeadLetters.Entry e : entries) {
                System.out.printf("%-8s %-24s %-12s %-40s %s%n", e.partition() + ":" + e.offset(), shortTime(e.time()), e.stage(), e.source(),
                        abbreviate(e.error(), 100));
            }
            System.out.printf("%d dead letters%n", entries.size());
            return 0;
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter in full: headers, key and value.")
        int show(@Mixin Endpoints endpoints, @Parameters(paramLabel = "OFFSET", description = "offset, or partition:offset") String offset) {
            long[] at = offset(offset);
            var entry = new DeadLetters(endpoints.bootstrapServers).find((int) at[0], at[1]).orElse(null);
            if (entry == null) {
                System.err.println("no dead letter at " + offset);
                return 3;
            }
            System.out.println("offset:  " + entry.partition() + ":" + entry.offset());
            System.out.println("source:  " + entry.source() + " (stage " + entry.stage() + ", " + entry.time() + ")");
            System.out.println("error:   " + entry.error());
            System.out.println("headers:");
            entry.headers().forEach(h -> System.out.println("  " + h.key() + ": " + (h.value() == null ? "" : new String(h.value(),
                    java.nio.charset.StandardCharsets.UTF_8))));
            System.out.println("key:     " + entry.keyText());
            System.out.println("value:");
            System.out.println(pretty(entry.valueText()));
            return 0;
        }

        @Command(name = "redrive", mixinStandardHelpOptions = true,
                description = {"Send dead letters back to their source topic, untouched and with their original headers, after the cause is fixed.",
                        "--all sends those not sent by an earlier --all (tracked in the consumer group " + DeadLetters.REDRIVE_GROUP + ")."})
        int redrive(@Mixin Endpoints endpoints,
                    @Parameters(paramLabel = "OFFSET", arity = "0..*", description = "offsets (or partition:offset) to send back") List<String> offsets,
                    @Option(names = "--all", description = "every dead letter not yet redriven by --all") boolean all,
                    @Option(names = "--source", paramLabel = "TOPIC", description = "with --all: only those from this topic") String source,
                    @Option(names = "--dry-run", description = "only list what would be sent") boolean dryRun) {
            if (all == (offsets != null && !offsets.isEmpty())) {
                throw new IllegalArgumentException("name the offsets to redrive, or --all (not both)");
            }
            DeadLetters dlq = new DeadLetters(endpoints.bootstrapServers);
            List<DeadLetters.Entry> chosen = new ArrayList<>();
            List<DeadLetters.Entry> considered;
            if (all) {
                considered = dlq.notYetRedriven();
                considered.stream().filter(e -> source == null || source.equals(e.sourceTopic())).forEach(chosen::add);
            } else {
                for (String offset : offsets) {
                    long[] at = offset(offset);
                    chosen.add(dlq.find((int) at[0], at[1]).orElseThrow(() -> new IllegalArgumentException("no dead letter at " + offset)));
                }
                considered = List.of();
            }
            for (DeadLetters.Entry e : chosen) {
                System.out.printf("%s %s -> %s (was: %s)%n", dryRun ? "would send" : "sending", e.partition() + ":" + e.offset(),
                        e.sourceTopic(), abbreviate(e.error(), 80));
            }
            if (dryRun) {
                return 0;
            }
            try (var producer = endpoints.producer()) {
                int sent = dlq.redrive(chosen, producer);
                if (all && source == null) {
                    dlq.remember(considered);
                }
                System.out.printf("%d dead letters sent back; each carries %s=<dlq offset>. If the cause is not fixed they come back here.%n",
                        sent, Topics.REDRIVEN_HEADER);
            }
            return 0;
        }

        private static long[] offset(String text) {
            try {
                String[] parts = text.split(":");
                return parts.length == 2 ? new long[] {Integer.parseInt(parts[0]), Long.parseLong(parts[1])} : new long[] {0, Long.parseLong(text)};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an offset (e.g. 12 or 0:12)");
            }
        }

        private static String pretty(String value) {
            if (value == null) {
                return "(none: a tombstone)";
            }
            try {
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(value));
            } catch (Exception notJson) {
                return value;
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print one hourly window of the analytics stream: denied requests per tier and action, requests per type, "
                    + "handoffs to a person per tier and reason, and time to claim per support priority.")
    static final class Stats implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--window", paramLabel = "START", description = "the window's start, e.g. 2026-11-26T10:00:00Z (default: the latest)")
        String window;

        @Override
        public Integer call() {
            var found = new WindowStats(endpoints.bootstrapServers).window(window);
            if (found.isEmpty()) {
                System.out.println(window == null ? "no counts yet: is the analytics stream running, and has anyone chatted?"
                        : "no counts for the window starting " + window);
                return window == null ? 0 : 3;
            }
            var w = found.get();
            System.out.printf("window %s .. %s%n%n", w.start(), w.end());
            TreeSet<String> levels = new TreeSet<>();
            TreeSet<String> actions = new TreeSet<>();
            w.denied().forEach(d -> {
                levels.add(d.serviceLevel());
                actions.add(d.action());
            });
            System.out.println("DENIED REQUESTS (tier x action)");
            if (actions.isEmpty()) {
                System.out.println("(none in this window)");
            } else {
                StringBuilder header = new StringBuilder(String.format("%-20s", "ACTION"));
                levels.forEach(l -> header.append(String.format(" %12s", l)));
                System.out.println(header);
            }
            for (String action : actions) {
                StringBuilder row = new StringBuilder(String.format("%-20s", action));
                for (String level : levels) {
                    long count = w.denied().stream().filter(d -> d.serviceLevel().equals(level) && d.action().equals(action))
                            .mapToLong(DeniedRequestCount::count).sum();
                    row.append(String.format(" %12d", count));
                }
                System.out.println(row);
            }
            System.out.printf("%nREQUESTS BY TYPE%n%-20s %12s%n", "REQUEST TYPE", "COUNT");
            for (RequestTypeCount count : w.requests()) {
                System.out.printf("%-20s %12d%n", count.requestType(), count.count());
            }
            System.out.printf("%nHANDOFFS TO A PERSON (tier x reason)%n");
            if (w.handoffs().isEmpty()) {
                System.out.println("(none in this window)");
            } else {
                System.out.printf("%-20s %-16s %8s%n", "TIER", "REASON", "COUNT");
                w.handoffs().forEach(h -> System.out.printf("%-20s %-16s %8d%n", h.serviceLevel(), h.reason(), h.count()));
            }
            System.out.printf("%nTIME TO CLAIM (per support priority)%n");
            if (w.claims().isEmpty()) {
                System.out.println("(no claims in this window)");
            } else {
                System.out.printf("%-20s %8s %10s %10s %12s%n", "PRIORITY", "CLAIMED", "MEAN s", "MAX s", "OVER TARGET");
                w.claims().forEach(c -> System.out.printf("%-20s %8d %10.1f %10.1f %12d%n", c.priority(), c.count(), c.meanSeconds(),
                        c.maxSeconds(), c.overTarget()));
            }
            return 0;
        }
    }

    /** --from / --to: an ISO instant, a UTC date-time, now, or a negative duration from now (-2h, -30m, -1d). */
    static final class TimeArgument implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (value.equals("now")) {
                return Instant.now();
            }
            if (value.matches("-\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(1, value.length() - 1));
                Duration unit = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(1);
                    case 'm' -> Duration.ofMinutes(1);
                    case 'h' -> Duration.ofHours(1);
                    default -> Duration.ofDays(1);
                };
                return Instant.now().minus(unit.multipliedBy(amount));
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a time: use 2026-11-26T10:00:00Z, 2026-11-26T10:00 (UTC), now, or -2h");
                }
            }
        }
    }

    /** A header time to the millisecond, as a column of a table. */
    private static String shortTime(String iso) {
        try {
            return Instant.parse(iso).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        } catch (RuntimeException unreadable) {
            return String.valueOf(iso);
        }
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
