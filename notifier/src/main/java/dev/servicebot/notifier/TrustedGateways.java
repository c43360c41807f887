package dev.servicebot.notifier;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateways a notifier delivers to, and so sends the delivery secret to: {@code host} (any port) or
 * {@code host:port} entries from {@code SERVICEBOT_NOTIFIER_DELIVERY_HOSTS}. A record on the connections
 * topic names its gateway's address; trusting any address there would hand the secret to whoever can
 * write one.
 */
public record TrustedGateways(Set<String> entries) {
    public static final String ENVIRONMENT = "SERVICEBOT_NOTIFIER_DELIVERY_HOSTS";
    /** This machine only: `up` and `up --processes` run every gateway on loopback. */
    public static final String DEFAULT = "127.0.0.1,localhost";

    public static TrustedGateways parse(String spec) {
        Set<String> entries = Arrays.stream(spec.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                .map(e -> e.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(ENVIRONMENT + " names no gateway host: the notifier could deliver nowhere");
        }
        return new TrustedGateways(entries);
    }

    /** Whether {@code address} (a delivery URL or a gateway's {@code http://host:port}) is one of ours. */
    public boolean trusts(String address) {
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getUserInfo() != null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return entries.contains(host) || entries.contains(host + ":" + uri.getPort());
    }
}
