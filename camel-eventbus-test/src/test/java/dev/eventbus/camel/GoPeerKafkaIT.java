package dev.eventbus.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.GoPeer;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Go peer ({@link GoPeer}: sarama, hash partitioner, the Go bus's key and X-* headers) and the component on one
 * 8-partition topic: Go-published events are consumed in order on several lanes, our events pass the Go side's decode
 * and Validate(), and versions of the same aggregates published alternately by both are read in order by both.
 */
class GoPeerKafkaIT extends KafkaITSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 20;
    private static final int TOTAL = AGGREGATES * VERSIONS;

    private final PeerCheck java = new PeerCheck();
    private GoPeer go;

    @BeforeEach
    void startPeer() throws Exception {
        go = GoPeer.start(brokers(), null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 8, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
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
                from("eventbus:" + topic + "?groupId=java&concurrency=8").routeId("java").process(java::record);
            }
        });
        return new NotifyBuilder(context).fromRoute("java").whenCompleted(TOTAL).create();
    }

    @Test
    void goPublishedEventsAreConsumedInOrderOnManyLanes() throws Exception {
        assertEquals(TOTAL, go.kafkaPublish(topic, "go", AGGREGATES, 1, VERSIONS, "LineAdded"));

        java.assertReadAllInOrder(javaRoute(), "go", AGGREGATES, VERSIONS);
        assertEquals(TOTAL, java.goIds.get(), "events with the Go peer's trace, correlation and tenant ids");
    }

    @Test
    void eventbusPublishedEventsPassTheGoDecodeAndValidate() {
        go.kafkaConsume(topic, "go", TOTAL);
        for (int v = 1; v <= VERSIONS; v++) {
            template.sendBody("eventbus:" + topic, PeerCheck.wave("java", AGGREGATES, v, "Zeile-hinzugefügt"));
        }

        GoPeer.Summary summary = go.await(30);
        PeerCheck.assertGoReadAllInOrder(summary, AGGREGATES, VERSIONS);
        assertEquals(TOTAL, summary.traced(), summary.toString());
        assertEquals(TOTAL, summary.correlated(), summary.toString());
        assertEquals(TOTAL, summary.tenant(7), summary.toString());
        assertEquals(List.of("Zeile-hinzugefügt"), summary.eventTypes());
    }

    @Test
    void versionsPublishedAlternatelyByJavaAndGoAreReadInOrderByBoth() throws Exception {
        NotifyBuilder done = javaRoute();
        go.kafkaConsume(topic, "go", TOTAL);
        for (int v = 1; v <= VERSIONS; v++) {
            if (v % 2 == 1) {
                template.sendBody("eventbus:" + topic, PeerCheck.wave("mix", AGGREGATES, v, "LineAdded"));
            } else {
                assertEquals(AGGREGATES, go.kafkaPublish(topic, "mix", AGGREGATES, v, v, "LineAdded"));
            }
        }

        GoPeer.Summary summary = go.await(30);
        java.assertReadAllInOrder(done, "mix", AGGREGATES, VERSIONS);
        System.out.println(java.summary("kafka (8 partitions)", AGGREGATES, VERSIONS, summary));
        PeerCheck.assertGoReadAllInOrder(summary, AGGREGATES, VERSIONS);
    }
}
