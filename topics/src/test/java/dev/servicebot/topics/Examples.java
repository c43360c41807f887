package dev.servicebot.topics;

import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestTypeCount;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** One valid record of every value type in the contract, by topic, and the data model's own examples. */
final class Examples {
    static final Customer JANE = new Customer("cust_001", "Jane Smith", "basic",
            List.of(new Device("dev_001", "SmartSpeaker", "living_room")));

    static final Map<Topic<?, ?>, List<Object>> BY_TOPIC = Map.ofEntries(
            Map.entry(Topics.INBOUND, List.of(
                    new InboundMessage("msg_1", "conv_123", "cust_001", "Is my speaker online?", "2023-03-01T14:30:45.123Z", "c-1", "conn-1", "gw-a"),
                    new InboundMessage("msg_2", "conv_123", "cust_001", "hi", "2023-03-01T14:30:46Z", null, null, null))),
            Map.entry(Topics.MESSAGES, List.of(
                    new HistoryMessage("conv_123", "2023-03-01T14:30:45.123Z", "cust_001", "Move my smart speaker to the bedroom",
                            RequestType.of("device_relocation"), List.of("device_relocation"), false, "msg_1", null),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:45.124Z", HistoryMessage.BOT, "Moving devices needs Premium.",
                            RequestType.of("device_relocation"), List.of("device_relocation"), false, "msg_1-r", "msg_1"),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:47.000Z", "cust_001", "hello", null, null, null, "msg_3", null),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:48.000Z", "cust_001", "Play jazz", RequestType.of("play_music"),
                            List.of("music_services"), false, "msg_4", null, "basic"),
                    new HistoryMessage("conv_123", "2023-03-01T14:33:10Z", HistoryMessage.agentUserId("agent_001"),
                            "Hi Jane, I'm Sam. Let's sort this out.", null, null, null, "hcmd-2", null))),
            Map.entry(Topics.REPLIES, List.of(
                    new Reply("msg_1-r", "msg_1", "conv_123", "cust_001", "Your living room speaker is online.",
                            RequestType.of("device_status"), List.of("status_check"), true, "2023-03-01T14:30:45.124Z"),
                    new Reply("msg_3-r", "msg_3", "conv_123", "cust_001", "Hello! How can I help?", null, List.of(), null, "2023-03-01T14:30:47.001Z"),
                    new Reply("hcmd-2", "msg_5", "conv_123", "cust_001", "Hi Jane, I'm Sam. Let's sort this out.", null, List.of(), null,
                            "2023-03-01T14:33:10Z", null, "agent:agent_001", "Sam Rivera"))),
            Map.entry(Topics.CUSTOMERS, List.of(JANE, new Customer("cust_009", "No Devices", "premium", List.of()))),
            Map.entry(Topics.CUSTOMER_COMMANDS, List.of(
                    CustomerCommand.upsert("cmd-1", JANE, "2023-03-01T14:30:45Z"),
                    CustomerCommand.delete("cmd-2", "cust_001", "2023-03-01T14:30:45Z"),
                    CustomerCommand.changeTier("cmd-3", "cust_001", "premium", "2023-03-01T14:30:45Z"),
                    CustomerCommand.addDevice("cmd-4", "cust_001", new Device("dev_009", "SmartHub", "hall"), "2023-03-01T14:30:45Z"),
                    CustomerCommand.removeDevice("cmd-5", "cust_001", "dev_001", "2023-03-01T14:30:45Z"))),
            Map.entry(Topics.SERVICE_LEVELS, List.of(new ServiceLevel("premium",
                    List.of("status_check", "volume_control", "device_info", "device_relocation", "music_services"), 3, "priority"))),
            Map.entry(Topics.CONNECTIONS, List.of(
                    new Connection("ABC123", "cust_001", "2023-03-01T14:30:00.000Z", 1677765000L, "gw-a", "http://127.0.0.1:7071/internal/connections/ABC123"),
                    new Connection("ABC124", "cust_001", "2023-03-01T14:30:00.000Z", 1677765000L, null, null))),
            Map.entry(Topics.DEVICE_COMMANDS, List.of(new DeviceCommand("cmd-1", "dev_001", "cust_001", "volume_control",
                    Map.of("direction", "up"), "msg_1", "2023-03-01T14:30:45.124Z"))),
            Map.entry(Topics.DENIED_REQUESTS, List.of(new DeniedRequestCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "basic",
                    "device_relocation", 12))),
            Map.entry(Topics.REQUEST_TYPES, List.of(new RequestTypeCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "play_music", 40),
                    new RequestTypeCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", RequestTypeCount.UNRECOGNIZED, 3))),
            Map.entry(Topics.HANDOFFS, List.of(
                    new HandoffEvent("msg_5-h", HandoffEvent.Kind.requested, "msg_5-h", "conv_123", "cust_001", "Jane Smith", "basic",
                            "standard", 2, 1800L, HandoffEvent.Reason.asked, "2023-03-01T14:31:00Z", "2023-03-01T14:31:00Z",
                            null, null, null, null, null),
                    new HandoffEvent("hcmd-1", HandoffEvent.Kind.claimed, "msg_5-h", "conv_123", "cust_001", "Jane Smith", "basic",
                            "standard", 2, 1800L, HandoffEvent.Reason.asked, "2023-03-01T14:31:00Z", "2023-03-01T14:33:00Z",
                            "agent_001", "Sam Rivera", null, null, null),
                    new HandoffEvent("hcmd-2", HandoffEvent.Kind.agent_message, "msg_5-h", "conv_123", "cust_001", null, null,
                            null, null, null, null, "2023-03-01T14:31:00Z", "2023-03-01T14:33:10Z",
                            "agent_001", "Sam Rivera", "hcmd-2", "Hi Jane, I'm Sam. Let's sort this out.", null),
                    new HandoffEvent("hcmd-3", HandoffEvent.Kind.refused, null, "conv_999", "cust_001", null, null,
                            null, null, null, null, null, "2023-03-01T14:34:00Z",
                            "agent_002", null, null, null, "conversation conv_999 is not handed off"))),
            Map.entry(Topics.HANDOFF_COMMANDS, List.of(
                    new HandoffCommand("hcmd-1", HandoffCommand.Kind.claim, "conv_123", "cust_001", "agent_001", "Sam Rivera", null,
                            "2023-03-01T14:33:00Z", null),
                    new HandoffCommand("hcmd-2", HandoffCommand.Kind.message, "conv_123", "cust_001", "agent_001", "Sam Rivera",
                            "Hi Jane, I'm Sam. Let's sort this out.", "2023-03-01T14:33:10Z", "a-1"))),
            Map.entry(Topics.HANDOFF_COUNTS, List.of(new HandoffCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "basic", "asked", 3))),
            Map.entry(Topics.CLAIM_TIMES, List.of(new ClaimTime("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "standard", 3, 240.5, 130.0, 0))));

    private Examples() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
