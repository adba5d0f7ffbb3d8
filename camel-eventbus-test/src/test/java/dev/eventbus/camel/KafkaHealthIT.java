package dev.eventbus.camel;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import dev.eventbus.camel.testsupport.Events;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health checks on a real Kafka broker of the test's own: consumer readiness ({@code consumer:<routeId>}, answered
 * by {@code consumer:eventbus-<routeId>}) and the producer's check go DOWN while the broker is down and UP when it is
 * back; the stuck-event liveness check goes DOWN while a route blocks longer than stuckEventTimeout and UP once it is
 * released.
 */
class KafkaHealthIT extends CamelTestSupport {

    private static final KafkaTestBroker BROKER = KafkaTestBroker.startNew();

    private final String topic = "health-" + UUID.randomUUID().toString().substring(0, 8);
    private final CountDownLatch release = new CountDownLatch(1);
    private HealthProbe health;

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EventBusComponent component = camel.getComponent("eventbus", EventBusComponent.class);
        component.getConfiguration().setTransport(TransportType.kafka);
        component.getConfiguration().setBrokers(BROKER.bootstrapServers());
        health = HealthProbe.install(camel);
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=billing&stuckEventTimeout=1000").routeId("billing")
                        .filter(body().contains("block")).process(e -> release.await(60, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void consumerAndProducerAreDownWhileTheBrokerIsDownAndUpWhenItIsBack() {
        template.sendBodyAndHeaders("eventbus:" + topic, "{}", Events.headers("order-1", "OrderPlaced", 1));
        String producer = health.producerCheck();
        assertNotNull(producer, "the producer's shared client has a check");
        await().atMost(60, TimeUnit.SECONDS).until(() -> health.state("consumer:billing") == HealthCheck.State.UP
                && health.state(producer) == HealthCheck.State.UP);

        long[] downAfter = new long[2];
        AtomicReference<HealthCheck.Result> downResult = new AtomicReference<>();
        long downMillis = BROKER.restart(() -> {
            long begin = System.nanoTime();
            await().atMost(60, TimeUnit.SECONDS).until(() -> health.state(producer) == HealthCheck.State.DOWN);
            downAfter[1] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> health.state("consumer:billing") == HealthCheck.State.DOWN);
            downAfter[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            // taken while the broker is still down: once it is back the check may be UP again
            downResult.set(health.call("consumer:billing").orElseThrow());
        });
        HealthCheck.Result down = downResult.get();
        long begin = System.nanoTime();
        await().atMost(90, TimeUnit.SECONDS).until(() -> health.state("consumer:billing") == HealthCheck.State.UP
                && health.state(producer) == HealthCheck.State.UP);
        System.out.println("broker down " + downMillis + " ms; consumer DOWN after " + downAfter[0]
                + " ms, producer DOWN after " + downAfter[1] + " ms; both UP " + TimeUnit.NANOSECONDS.toMillis(
                        System.nanoTime() - begin)
                + " ms after the restart; consumer said: " + down.getMessage());
        assertTrue(down.getMessage().orElseThrow().contains(topic), down.getMessage().orElseThrow());
        HealthCheck.Result up = health.call("consumer:billing").orElseThrow();
        assertEquals("kafka", up.getDetails().get("transport"));
        assertEquals(BROKER.bootstrapServers(), up.getDetails().get("servers"));
        assertEquals("billing", up.getDetails().get("group"));
    }

    @Test
    void aRouteBlockedLongerThanStuckEventTimeoutMakesLivenessDownUntilItIsReleased() {
        String liveness = "eventbus-stuck:billing";
        assertEquals(HealthCheck.State.UP, health.state(liveness));
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"block\":true}",
                Events.headers("order-9", "OrderPlaced", 1));
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state(liveness) == HealthCheck.State.DOWN);
        HealthCheck.Result down = health.call(liveness).orElseThrow();
        assertEquals("order-9", down.getDetails().get("aggregate.id"));
        assertEquals(1, down.getDetails().get("delivery.count"));
        assertNotNull(down.getDetails().get("offset"));
        assertTrue(down.getMessage().orElseThrow().contains("aggregate order-9"), down.getMessage().orElseThrow());

        release.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state(liveness) == HealthCheck.State.UP);
    }
}
