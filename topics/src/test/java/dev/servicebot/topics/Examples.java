package dev.servicebot.topics;

import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
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

    static final Map<Topic<?, ?>, List<Object>> BY_TOPIC = Map.of(
            Topics.INBOUND, List.of(
                    new InboundMessage("msg_1", "conv_123", "cust_001", "Is my speaker online?", "2023-03-01T14:30:45.123Z", "c-1", "conn-1", "gw-a"),
                    new InboundMessage("msg_2", "conv_123", "cust_001", "hi", "2023-03-01T14:30:46Z", null, null, null)),
            Topics.MESSAGES, List.of(
                    new HistoryMessage("conv_123", "2023-03-01T14:30:45.123Z", "cust_001", "Move my smart speaker to the bedroom",
                            RequestType.of("device_relocation"), List.of("device_relocation"), false, "msg_1", null),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:45.124Z", HistoryMessage.BOT, "Moving devices needs Premium.",
                            RequestType.of("device_relocation"), List.of("device_relocation"), false, "msg_1-r", "msg_1"),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:47.000Z", "cust_001", "hello", null, null, null, "msg_3", null),
                    new HistoryMessage("conv_123", "2023-03-01T14:30:48.000Z", "cust_001", "Play jazz", RequestType.of("play_music"),
                            List.of("music_services"), false, "msg_4", null, "basic")),
            Topics.REPLIES, List.of(
                    new Reply("msg_1-r", "msg_1", "conv_123", "cust_001", "Your living room speaker is online.",
                            RequestType.of("device_status"), List.of("status_check"), true, "2023-03-01T14:30:45.124Z"),
                    new Reply("msg_3-r", "msg_3", "conv_123", "cust_001", "Hello! How can I help?", null, List.of(), null, "2023-03-01T14:30:47.001Z")),
            Topics.CUSTOMERS, List.of(JANE, new Customer("cust_009", "No Devices", "premium", List.of())),
            Topics.CUSTOMER_COMMANDS, List.of(
                    CustomerCommand.upsert("cmd-1", JANE, "2023-03-01T14:30:45Z"),
                    CustomerCommand.delete("cmd-2", "cust_001", "2023-03-01T14:30:45Z"),
                    CustomerCommand.changeTier("cmd-3", "cust_001", "premium", "2023-03-01T14:30:45Z"),
                    CustomerCommand.addDevice("cmd-4", "cust_001", new Device("dev_009", "SmartHub", "hall"), "2023-03-01T14:30:45Z"),
                    CustomerCommand.removeDevice("cmd-5", "cust_001", "dev_001", "2023-03-01T14:30:45Z")),
            Topics.SERVICE_LEVELS, List.of(new ServiceLevel("premium",
                    List.of("status_check", "volume_control", "device_info", "device_relocation", "music_services"), 3, "priority")),
            Topics.CONNECTIONS, List.of(
                    new Connection("ABC123", "cust_001", "2023-03-01T14:30:00.000Z", 1677765000L, "gw-a", "http://127.0.0.1:7071/internal/connections/ABC123"),
                    new Connection("ABC124", "cust_001", "2023-03-01T14:30:00.000Z", 1677765000L, null, null)),
            Topics.DEVICE_COMMANDS, List.of(new DeviceCommand("cmd-1", "dev_001", "cust_001", "volume_control",
                    Map.of("direction", "up"), "msg_1", "2023-03-01T14:30:45.124Z")),
            Topics.DENIED_REQUESTS, List.of(new DeniedRequestCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "basic",
                    "device_relocation", 12)),
            Topics.REQUEST_TYPES, List.of(new RequestTypeCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", "play_music", 40),
                    new RequestTypeCount("2023-03-01T14:00:00Z", "2023-03-01T15:00:00Z", RequestTypeCount.UNRECOGNIZED, 3)));

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
