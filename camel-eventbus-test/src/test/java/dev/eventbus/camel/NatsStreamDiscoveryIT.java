package dev.eventbus.camel;

import java.util.List;
import java.util.Set;

import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A topic whose subjects a stream already captures, as the Go event bus (jxt-core {@code sdk/pkg/eventbus}) creates
 * them, is used under that stream's name: no overlapping stream is created, and the durable lives on it. The Go bus
 * names a topic's stream {@code STREAM_<topic with . as _>} with subjects {@code [topic]}, or uses one configured
 * stream (any name, subjects such as {@code orders.>}); file storage, limits retention, one replica.
 */
class NatsStreamDiscoveryIT extends NatsTestSupport {

    private void goStream(String name, String... subjects) throws Exception {
        jsm().addStream(StreamConfiguration.builder().name(name).subjects(subjects).storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits).replicas(1).build());
    }

    private void consume(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(nats(options)).routeId("billing").to("mock:billing");
            }
        });
    }

    private void roundTrip(String producerOptions) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedBodiesReceivedInAnyOrder("{\"n\":1}", "{\"n\":2}");
        template.sendBodyAndHeaders(nats(producerOptions), "{\"n\":1}", event("o-1", "Paid", 1));
        template.sendBodyAndHeaders(nats(producerOptions), "{\"n\":2}", event("o-2", "Paid", 1));
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void theGoBusTopicStreamIsUsedAndNoOverlappingStreamIsCreated() throws Exception {
        String goName = "STREAM_" + topic;
        goStream(goName, topic);
        consume("groupId=billing");

        roundTrip("");

        List<String> streams = jsm().getStreamNames();
        assertFalse(streams.contains(topic.toUpperCase()), streams.toString());
        assertEquals(2, streamMessages(goName));
        assertEquals(List.of("billing"), jsm().getConsumerNames(goName));
    }

    @Test
    void aGoBusWildcardStreamCarriesThePartitionsAndTheDeadLetters() throws Exception {
        String goName = "GO_" + topic.toUpperCase();
        goStream(goName, topic + ".>");
        consume("groupId=billing&partitions=2");

        roundTrip("partitions=2");

        List<String> streams = jsm().getStreamNames();
        assertFalse(streams.contains(topic.toUpperCase()), streams.toString());
        assertFalse(streams.contains(topic.toUpperCase() + "_DLQ"), streams.toString());
        assertEquals(2, streamMessages(goName));
        // the stream may carry other topics too: the topic is part of the durable names
        assertEquals(Set.of("billing_" + topic + "-p0", "billing_" + topic + "-p1"),
                Set.copyOf(jsm().getConsumerNames(goName)));
    }

    @Test
    void twoTopicsOfOneWildcardStreamWithTheSameGroupKeepTheirEventsApart() throws Exception {
        String goName = "GO_ALL_" + topic.toUpperCase();
        goStream(goName, topic + ".>");
        String orders = topic + ".orders";
        String invoices = topic + ".invoices";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(nats(orders, "groupId=billing")).routeId("orders").to("mock:orders");
                from(nats(invoices, "groupId=billing")).routeId("invoices").to("mock:invoices");
            }
        });
        MockEndpoint ordersMock = getMockEndpoint("mock:orders");
        ordersMock.expectedBodiesReceived("{\"order\":1}");
        MockEndpoint invoicesMock = getMockEndpoint("mock:invoices");
        invoicesMock.expectedBodiesReceived("{\"invoice\":1}");
        template.sendBodyAndHeaders(nats(orders, ""), "{\"order\":1}", event("o-1", "Placed", 1));
        template.sendBodyAndHeaders(nats(invoices, ""), "{\"invoice\":1}", event("i-1", "Issued", 1));
        MockEndpoint.assertIsSatisfied(10_000, java.util.concurrent.TimeUnit.MILLISECONDS, ordersMock, invoicesMock);
        assertEquals(Set.of("billing_" + orders.replace('.', '_'), "billing_" + invoices.replace('.', '_')),
                Set.copyOf(jsm().getConsumerNames(goName)));
    }

    @Test
    void partitionsSplitOverSeveralStreamsFailTheStartNamingThem() throws Exception {
        goStream("GO_A_" + topic, topic + ".0");
        goStream("GO_B_" + topic, topic + ".1");

        Exception e = assertThrows(Exception.class, () -> consume("groupId=billing&partitions=2"));

        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.indexOf("GO_A_" + topic) >= 0 && messages.indexOf("GO_B_" + topic) >= 0,
                messages.toString());
        assertFalse(jsm().getStreamNames().contains(topic.toUpperCase()));
    }
}
