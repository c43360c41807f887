package dev.servicebot.topics.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.TopicCatalog;
import dev.servicebot.topics.delivery.DeliveryContract.Delivery;
import dev.servicebot.topics.delivery.DeliveryContract.OpenConnection;
import dev.servicebot.topics.delivery.DeliveryContract.Outcome;
import dev.servicebot.topics.delivery.DeliveryContract.Result;
import dev.servicebot.topics.delivery.DeliveryContract.Route;
import dev.servicebot.topics.delivery.DeliveryContract.Status;
import dev.servicebot.topics.model.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wire as gateways and notifiers of different versions see it: the JSON is written out here in
 * full, so renaming a field, an outcome or a route fails a test instead of a mixed-version deployment.
 */
class DeliveryContractTest {

    @Test
    void theRoutesAndTheHeaderAreTheOnesDeployedGatewaysServe() {
        assertThat(DeliveryContract.SECRET_HEADER).isEqualTo("X-Servicebot-Secret");
        assertThat(DeliveryContract.CONNECTION).isEqualTo("/internal/connections/{connectionId}");
        assertThat(DeliveryContract.DELIVERIES).isEqualTo("/internal/deliveries");
        assertThat(DeliveryContract.connectionUrl("http://127.0.0.1:7071", "c-1")).isEqualTo("http://127.0.0.1:7071/internal/connections/c-1");
    }

    @Test
    void everyRouteIsBehindTheSecretCheck() {
        // The gateway checks the secret for ALL_ROUTES only: a route outside it would be open to anyone on the network.
        String prefix = DeliveryContract.ALL_ROUTES.substring(0, DeliveryContract.ALL_ROUTES.length() - 1);
        assertThat(DeliveryContract.ROUTES).extracting(Route::path).allMatch(path -> path.startsWith(prefix));
        assertThat(DeliveryContract.ROUTES).allMatch(r -> !r.answers().isEmpty() && !r.answers().contains(Status.UNAUTHORIZED),
                "401 is every route's, said once");
    }

    @Test
    void aBatchIsWrittenWithTheDocumentedFieldNames() throws Exception {
        Reply reply = new Reply("m-1-r", "m-1", "conv-1", "cust_001", "Your speaker is online.", null, List.of(), null,
                "2026-11-26T10:00:00.000001Z");
        String json = Json.writeString(List.of(new Delivery("c-1", reply)));
        assertThat(Json.MAPPER.readTree(json).get(0).fieldNames()).toIterable().containsExactly("connectionId", "reply");
        Delivery[] read = Json.parse(json, Delivery[].class);
        assertThat(read).containsExactly(new Delivery("c-1", reply));
    }

    @Test
    void resultsRoundTripWithTheDocumentedFieldNamesAndOutcomes() {
        List<Result> results = List.of(new Result("c-1", "m-1-r", Outcome.delivered), new Result("c-2", "m-2-r", Outcome.gone),
                new Result("c-1", "m-3-r", Outcome.forbidden));
        String json = "[{\"connectionId\":\"c-1\",\"messageId\":\"m-1-r\",\"outcome\":\"delivered\"},"
                + "{\"connectionId\":\"c-2\",\"messageId\":\"m-2-r\",\"outcome\":\"gone\"},"
                + "{\"connectionId\":\"c-1\",\"messageId\":\"m-3-r\",\"outcome\":\"forbidden\"}]";
        assertThat(Json.writeString(results)).isEqualTo(json);
        assertThat(Json.parse(json, Result[].class)).containsExactlyElementsOf(results);
    }

    @Test
    void anOutcomeANewerGatewayAddedReadsAsUnknown() {
        Result[] read = Json.parse("[{\"connectionId\":\"c-1\",\"messageId\":\"m-1-r\",\"outcome\":\"queued\",\"extra\":1}]", Result[].class);
        assertThat(read[0].outcome()).isEqualTo(Outcome.unknown);
    }

    @Test
    void aDescribedConnectionHasTheDocumentedFieldNames() {
        String json = "{\"connectionId\":\"c-1\",\"customerId\":\"cust_001\",\"connectedAt\":\"2026-11-26T10:00:00Z\"}";
        assertThat(Json.writeString(new OpenConnection("c-1", "cust_001", "2026-11-26T10:00:00Z"))).isEqualTo(json);
    }

    @Test
    void theStatusesAreTheOnesDeployedNotifiersRead() {
        assertThat(Stream.of(Status.values()).map(Status::code)).containsExactly(200, 204, 400, 401, 403, 404, 410);
        // A single reply's answer means what the same outcome means in a batch.
        assertThat(Outcome.delivered.status()).isEqualTo(Status.OK);
        assertThat(Outcome.gone.status()).isEqualTo(Status.GONE);
        assertThat(Outcome.forbidden.status()).isEqualTo(Status.FORBIDDEN);
    }

    @Test
    void theCatalogDocumentsTheWholeContract() {
        String md = TopicCatalog.markdown();
        assertThat(md).contains("## Internal delivery API", "`" + DeliveryContract.SECRET_HEADER + "`",
                "`POST " + DeliveryContract.CONNECTION + "`", "`POST " + DeliveryContract.DELIVERIES + "`",
                "`GET " + DeliveryContract.CONNECTION + "`", "`DELETE " + DeliveryContract.CONNECTION + "`",
                "`connectionId` (string), `messageId` (string), `outcome` (Outcome)",
                "`connectionId` (string), `reply` ([Reply](#servicebotchatrepliesv1))");
        Stream.of(Status.values()).forEach(s -> assertThat(md).contains("| " + s.code() + " | " + s.meaning()));
        Stream.of(Outcome.delivered, Outcome.gone, Outcome.forbidden).forEach(o -> assertThat(md).contains("| `" + o + "` |"));
    }
}
