package dev.eventbus.camel;

import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Option {@code connection}: a jnats Connection the user made (bound in the registry, as camel-nats allows) carries the
 * endpoint's publishes and consumption instead of one the component opens, and stays open when the CamelContext stops.
 */
class NatsSuppliedConnectionIT extends NatsTestSupport {

    private Connection userConnection;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        userConnection = Nats.connect(new Options.Builder().server(serverUrl()).connectionName("user").build());
        camel.getRegistry().bind("userConnection", userConnection);
        return camel;
    }

    /** No servers: the endpoints only have the user's connection. */
    private String supplied(String options) {
        return "eventbus:" + topic + "?transport=nats&connection=#userConnection"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(supplied("groupId=billing")).routeId("billing").to("mock:billing");
            }
        };
    }

    @AfterEach
    void closeUserConnection() throws InterruptedException {
        if (userConnection != null) {
            userConnection.close();
        }
    }

    @Test
    void theUsersConnectionCarriesTheEventsAndStaysOpen() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}");
        long sentBefore = userConnection.getStatistics().getOutMsgs();

        template.sendBodyAndHeaders(supplied(""), "{\"n\":1}", event("order-1", "OrderPlaced", 1));
        template.sendBodyAndHeaders(supplied(""), "{\"n\":2}", event("order-1", "OrderPaid", 2));

        mock.assertIsSatisfied(10_000);
        assertTrue(userConnection.getStatistics().getOutMsgs() >= sentBefore + 2,
                "the publishes went out on the user's connection");
        assertEquals(2, streamMessages(topic.toUpperCase()));

        context.stop();

        assertEquals(Connection.Status.CONNECTED, userConnection.getStatus(), "the endpoint does not close it");
        userConnection.flush(Duration.ofSeconds(5));
        assertTrue(dev.eventbus.camel.testsupport.ThreadCensus.eventbusThreads().isEmpty(),
                () -> dev.eventbus.camel.testsupport.ThreadCensus.eventbusThreads().toString());
    }
}
