package dev.eventbus.camel.health;

import java.util.concurrent.atomic.AtomicReference;

import dev.eventbus.camel.transport.PublisherStatus;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producer readiness check's decisions on a stub client status and clock. */
class ProducerReadinessCheckTest {

    private final AtomicReference<PublisherStatus> status = new AtomicReference<>(
            new PublisherStatus("eventbus-producer-3", "kafka", true, "127.0.0.1:9092"));
    private long now = 5_000;
    private final ProducerReadinessCheck check = new ProducerReadinessCheck("eventbus-producer-3", status::get,
            () -> now);

    @Test
    void aDisconnectedClientIsDownAfterTheGraceAndUpWhenConnectedAgain() {
        assertEquals("producer:eventbus-producer-3", check.getId());
        assertEquals("producer:eventbus-nats-1", ProducerReadinessCheck.idOf("nats-1"));
        HealthCheck.Result up = check.call();
        assertEquals(HealthCheck.State.UP, up.getState());
        assertEquals("127.0.0.1:9092", up.getDetails().get("servers"));
        assertEquals("kafka", up.getDetails().get("transport"));

        status.set(new PublisherStatus("eventbus-producer-3", "kafka", false, "127.0.0.1:9092"));
        assertEquals(HealthCheck.State.UP, check.call().getState());
        now += ConsumerReadinessCheck.CONNECT_GRACE_MILLIS + 1;
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().contains("no connection to 127.0.0.1:9092"));

        status.set(new PublisherStatus("eventbus-producer-3", "kafka", true, "127.0.0.1:9092"));
        assertEquals(HealthCheck.State.UP, check.call().getState());
    }
}
