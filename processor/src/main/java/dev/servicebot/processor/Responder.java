package dev.servicebot.processor;

import dev.servicebot.processor.PermissionCheck.Decision;
import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.List;

/** Writes the bot's reply from what was decided and done. Swappable (e.g. for a language model's wording); never decides anything. */
public interface Responder {

    /** Where the handling of a message ended. */
    enum Situation {
        UNKNOWN_CUSTOMER, UNKNOWN_TIER, NOT_A_REQUEST, CLARIFY, NO_DEVICES, DEVICE_NOT_FOUND, AMBIGUOUS, DENIED, ACTED,
        /** The conversation goes to a person. */
        HANDED_OFF
    }

    /**
     * Everything a reply may draw on. Fields after {@code situation} may be null where the
     * handling stopped before them (no customer, no tier, no decision...). {@code alternatives}:
     * the two readings to offer when the bot asks (null stands for "something else").
     */
    record Facts(Situation situation, String customerId, Customer customer, ServiceLevel tier, Understanding understanding,
                 Decision decision, DeviceResolver.Resolution resolution, DeviceActions.Result action,
                 List<RequestType> alternatives) {

        public Facts(Situation situation, String customerId, Customer customer, ServiceLevel tier, Understanding understanding,
                     Decision decision, DeviceResolver.Resolution resolution, DeviceActions.Result action) {
            this(situation, customerId, customer, tier, understanding, decision, resolution, action, List.of());
        }
    }

    String respond(Facts facts);

    /** Added to a reply when the bot has failed the customer: the offer of a person, and how to take it. */
    String offerOfPerson();

    /** What the customer sees when an agent joins the conversation. */
    String agentJoined(String agentName);

    /** What the customer sees when the agent hands the conversation back to the bot. */
    String agentLeft(String agentName);
}
