package dev.eventbus.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.consumer.DeadLetters;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dead-lettering on NATS whatever the reason says, for every group, and loudly stuck (then recovering) when the
 * dead-letter stream is gone.
 */
class NatsDeadLetterDestinationIT extends NatsTestSupport {

    /** Multi-line, non-ASCII (CJK, accents, an emoji), and long. */
    static final String HOSTILE_REASON = "line one\r\nline two: \u8ba2\u5355\u5df2\u652f\u4ed8 \u00fc\u00e9 \ud83d\ude80 100%+"
            + "x".repeat(5000);

    private final String twoGroups = topic + "g";
    private final String stuck = topic + "s";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=hostile&maxDeliveries=1")).routeId("hostile")
                        .throwException(new IllegalStateException(HOSTILE_REASON));
                from(nats(twoGroups, "groupId=first&maxDeliveries=1")).routeId("first")
                        .throwException(new IllegalStateException("first refused"));
                from(nats(twoGroups, "groupId=second&maxDeliveries=1")).routeId("second")
                        .throwException(new IllegalStateException("second refused"));
                from(nats(stuck,
                        "groupId=stuck&maxDeliveries=1&redeliveryDelay=20&maxRedeliveryDelay=200&publishTimeout=1000"))
                        .routeId("stuck")
                        .choice().when(body().contains("fails")).throwException(new IllegalStateException("refused"))
                        .end()
                        .to("mock:stuck");
            }
        };
    }

    @Test
    void aMultiLineNonAsciiLongReasonIsDeadLetteredPercentEncoded() throws Exception {
        template.sendBodyAndHeaders(nats(""), "{}", event("h-1", "Paid", 1));
        String stream = topic.toUpperCase() + "_DLQ";
        await().atMost(15, TimeUnit.SECONDS).until(() -> streamMessages(stream) == 1);
        String encoded = stored(stream, 1).getHeaders().getFirst(DeadLetterHeaders.REASON);
        String reason = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        assertTrue(reason.startsWith(
                "failed 1 times: java.lang.IllegalStateException: " + HOSTILE_REASON.substring(0, 60)), reason);
        assertEquals(DeadLetters.MAX_REASON, reason.length(), "cut at MAX_REASON characters");
        assertEquals(1, consumer("hostile").getStats().deadLettered());
        assertEquals(0, consumer("hostile").getStats().deadLetterFailures());
    }

    @Test
    void twoGroupsDeadLetteringTheSameEventBothLand() throws Exception {
        template.sendBodyAndHeaders(nats(twoGroups, ""), "{}", event("g-1", "Paid", 1));
        String stream = twoGroups.toUpperCase() + "_DLQ";
        await().atMost(15, TimeUnit.SECONDS).until(() -> consumer("first").getStats().deadLettered() == 1
                && consumer("second").getStats().deadLettered() == 1);
        assertEquals(2, streamMessages(stream), "one dead letter per group");
    }

    @Test
    void aDeletedDeadLetterStreamKeepsTheEventStuckUntilItIsBack() throws Exception {
        String stream = stuck.toUpperCase() + "_DLQ";
        jsm().deleteStream(stream);
        template.sendBodyAndHeaders(nats(stuck, ""), "{\"fails\":true}", event("s-1", "Paid", 1));
        EventBusConsumer consumer = consumer("stuck");
        await().atMost(15, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLetterFailures() >= 2);
        assertEquals(1, consumer.getStats().deadLetterStuck());
        assertEquals(0, consumer.getStats().deadLettered());

        // other aggregates keep flowing meanwhile
        MockEndpoint flowing = getMockEndpoint("mock:stuck");
        flowing.expectedMessageCount(1);
        template.sendBodyAndHeaders(nats(stuck, ""), "{}", event("s-2", "Paid", 1));
        flowing.assertIsSatisfied(10_000);

        jsm().addStream(StreamConfiguration.builder().name(stream).subjects(stuck + ".dlq")
                .storageType(StorageType.File).build());
        await().atMost(15, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 1);
        assertEquals(0, consumer.getStats().deadLetterStuck());
        assertEquals(1, streamMessages(stream));
    }

    private EventBusConsumer consumer(String routeId) {
        return (EventBusConsumer) context.getRoute(routeId).getConsumer();
    }
}
