package dev.servicebot.topics;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How this process's Kafka clients prove who they are and encrypt what they send: the TLS and SASL
 * settings ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) in the Java properties file that
 * {@value #FILE_SETTING} names, read once per process. Every Kafka client the services and commands
 * make is configured through {@link #clientConfig}, so one file secures them all; without it they speak
 * PLAINTEXT, as the local stack's broker does. Only such access settings are taken: anything else (an
 * isolation level, a transaction setting) would change what the services guarantee, so it is refused.
 */
public final class KafkaAccess {
    public static final String FILE_SETTING = "SERVICEBOT_KAFKA_CLIENT_PROPERTIES";
    private static Map<String, String> processSettings;

    private KafkaAccess() {
    }

    /** {@code settings} plus the bootstrap servers and this process's access settings. */
    public static Map<String, Object> clientConfig(String bootstrapServers, Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(settings());
        return config;
    }

    /** This process's access settings, from the file named in its environment (empty without one). */
    public static synchronized Map<String, String> settings() {
        if (processSettings == null) {
            processSettings = read(System.getenv());
        }
        return processSettings;
    }

    /** The access settings the environment's file holds; a clear error for a missing file or another kind of setting. */
    static Map<String, String> read(Map<String, String> env) {
        String file = Deployment.setting(env, FILE_SETTING, null);
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(FILE_SETTING + " names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.equals("security.protocol") && !name.startsWith("ssl.") && !name.startsWith("sasl.")) {
                throw new IllegalStateException(file + " sets " + name + ": only security.protocol, ssl.* and sasl.* belong in "
                        + FILE_SETTING + " (the services set everything else themselves)");
            }
            settings.put(name, properties.getProperty(name).trim());
        }
        return Map.copyOf(settings);
    }
}
