package dev.eventbus.camel;

import java.util.List;

import dev.eventbus.camel.testsupport.GoPeer;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Go peer ({@link GoPeer}: nats.go JetStream, no headers, subject = topic, the stream {@code STREAM_<topic>} it
 * creates itself, a durable pull consumer) and the component on one topic: Go-published events are consumed in order
 * on several lanes, our events (non-ASCII event types) pass the Go side's decode and Validate(), and versions of the
 * same aggregates published alternately by both are read in order by both.
 */
class GoPeerNatsIT extends NatsTestSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 20;
    private static final int TOTAL = AGGREGATES * VERSIONS;

    private final PeerCheck java = new PeerCheck();
    private GoPeer go;

    @BeforeEach
    void startPeer() {
        go = GoPeer.start(null, serverUrl());
    }

    @AfterEach
    void stopPeer() {
        if (go != null) {
            go.close();
        }
    }

    private NotifyBuilder javaRoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=java&concurrency=8")).routeId("java").process(java::record);
            }
        });
        return new NotifyBuilder(context).fromRoute("java").whenCompleted(TOTAL).create();
    }

    @Test
    void goPublishedEventsAreConsumedInOrderOnManyLanes() throws Exception {
        assertEquals("STREAM_" + topic, go.natsStream(topic));
        assertEquals(TOTAL, go.natsPublish(topic, "go", AGGREGATES, 1, VERSIONS, "LineAdded"));

        java.assertReadAllInOrder(javaRoute(), "go", AGGREGATES, VERSIONS);
        assertEquals(TOTAL, java.goIds.get(), "events with the Go peer's trace, correlation and tenant ids");
        assertOnlyTheGoStreamCarriesTheTopic();
    }

    /** Our consumer found the Go stream: no overlapping stream of ours, the durable lives on the Go one. */
    private void assertOnlyTheGoStreamCarriesTheTopic() throws Exception {
        assertFalse(jsm().getStreamNames().contains(topic.toUpperCase()), jsm().getStreamNames().toString());
        assertTrue(jsm().getConsumerNames("STREAM_" + topic).contains("java"));
    }

    @Test
    void eventbusPublishedEventsWithNonAsciiTypesPassTheGoDecodeAndValidate() {
        for (int v = 1; v <= VERSIONS; v++) {
            template.sendBody(nats(""),
                    PeerCheck.wave("java", AGGREGATES, v, v % 2 == 0 ? "订单已创建" : "Zeile-hinzugefügt"));
        }
        go.natsConsume(topic, "go", TOTAL);

        GoPeer.Summary summary = go.await(30);
        PeerCheck.assertGoReadAllInOrder(summary, AGGREGATES, VERSIONS);
        assertEquals(TOTAL, summary.traced(), summary.toString());
        assertEquals(TOTAL, summary.correlated(), summary.toString());
        assertEquals(TOTAL, summary.tenant(7), summary.toString());
        assertEquals(List.of("Zeile-hinzugefügt", "订单已创建"), summary.eventTypes());
    }

    @Test
    void versionsPublishedAlternatelyByJavaAndGoAreReadInOrderByBoth() throws Exception {
        go.natsStream(topic);
        NotifyBuilder done = javaRoute();
        go.natsConsume(topic, "go", TOTAL);
        for (int v = 1; v <= VERSIONS; v++) {
            if (v % 2 == 1) {
                template.sendBody(nats(""), PeerCheck.wave("mix", AGGREGATES, v, "LineAdded"));
            } else {
                assertEquals(AGGREGATES, go.natsPublish(topic, "mix", AGGREGATES, v, v, "订单行已添加"));
            }
        }

        GoPeer.Summary summary = go.await(30);
        java.assertReadAllInOrder(done, "mix", AGGREGATES, VERSIONS);
        System.out.println(java.summary("nats (Go-created stream STREAM_<topic>)", AGGREGATES, VERSIONS, summary));
        PeerCheck.assertGoReadAllInOrder(summary, AGGREGATES, VERSIONS);
        assertOnlyTheGoStreamCarriesTheTopic();
    }
}
