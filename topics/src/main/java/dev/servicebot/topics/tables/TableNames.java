package dev.servicebot.topics.tables;

import java.util.List;

/** The data model's table names for one environment: {@code {environment}-customers} and so on. */
public record TableNames(String environment) {
    public static final String USER_ID_INDEX = "UserIdIndex";

    public TableNames {
        if (environment == null || !environment.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw new IllegalArgumentException("environment '" + environment + "' must be letters, digits, _ . or -");
        }
    }

    public String customers() {
        return environment + "-customers";
    }

    public String serviceLevels() {
        return environment + "-service-levels";
    }

    public String messages() {
        return environment + "-messages";
    }

    public String connections() {
        return environment + "-connections";
    }

    public List<String> all() {
        return List.of(customers(), serviceLevels(), messages(), connections());
    }
}
