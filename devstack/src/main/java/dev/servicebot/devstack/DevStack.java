package dev.servicebot.devstack;

import dev.servicebot.topics.SampleData;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.TopicsAdmin;
import dev.servicebot.topics.tables.TableNames;
import dev.servicebot.topics.tables.TablesAdmin;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole local infrastructure, real parts only: a Kafka broker, dynalite, every topic of the
 * contract, the four tables of the data model and, on a fresh stack, the sample data.
 */
public final class DevStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    /**
     * @param kafkaPort  0 for a free port
     * @param dynamoPort 0 for a free port
     * @param dataDir    keeps broker and dynalite data across restarts; null for temporary data
     * @param seed       load the sample data when the stack is new
     */
    public record Options(int kafkaPort, int dynamoPort, Path dataDir, String environment, boolean seed) {
        /** Free ports, temporary data, environment "test", sample data loaded. */
        public static Options forTests() {
            return new Options(0, 0, null, "test", true);
        }
    }

    private final EmbeddedKafka kafka;
    private final Dynalite dynalite;
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final boolean seeded;

    private DevStack(EmbeddedKafka kafka, Dynalite dynalite, DynamoDbClient dynamo, TableNames tables, boolean seeded) {
        this.kafka = kafka;
        this.dynalite = dynalite;
        this.dynamo = dynamo;
        this.tables = tables;
        this.seeded = seeded;
    }

    public static DevStack start(Options options) {
        TableNames tables = new TableNames(options.environment());
        Path dataDir = options.dataDir();
        EmbeddedKafka kafka = EmbeddedKafka.start(options.kafkaPort(), dataDir == null ? null : dataDir.resolve("kafka"));
        Dynalite dynalite = null;
        try {
            dynalite = Dynalite.start(options.dynamoPort(), dataDir == null ? null : dataDir.resolve("dynamodb"));
            DynamoDbClient dynamo = dynalite.client();
            boolean fresh;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                TopicsAdmin.Report report = new TopicsAdmin(admin, (short) 1).ensure(Topics.ALL, true);
                fresh = report.created().contains(Topics.CUSTOMER_COMMANDS.name());
                log.info("topics: {} created, {} fixed", report.created().size(), report.fixed().size());
            }
            List<String> created = new TablesAdmin(dynamo, tables).ensure();
            log.info("tables: {} created ({})", created.size(), created);
            boolean seeded = false;
            if (options.seed() && fresh) {
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
                    SampleData.publish(producer);
                }
                SampleData.write(dynamo, tables);
                seeded = true;
                log.info("sample data loaded: {} service levels, {} customers", SampleData.SERVICE_LEVELS.size(), SampleData.CUSTOMERS.size());
            }
            return new DevStack(kafka, dynalite, dynamo, tables, seeded);
        } catch (RuntimeException e) {
            if (dynalite != null) {
                dynalite.close();
            }
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    /** A shared client for the stack's DynamoDB API; closed with the stack. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public TableNames tables() {
        return tables;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public Dynalite dynalite() {
        return dynalite;
    }

    /** Whether this start loaded the sample data (only a new stack does). */
    public boolean seeded() {
        return seeded;
    }

    /** Durable producer settings: acks=all, idempotent. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    public Map<String, Object> producerConfig() {
        return producerConfig(bootstrapServers());
    }

    /** A consumer reading from the beginning, committing nothing. */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    @Override
    public void close() {
        dynamo.close();
        dynalite.close();
        kafka.close();
    }
}
