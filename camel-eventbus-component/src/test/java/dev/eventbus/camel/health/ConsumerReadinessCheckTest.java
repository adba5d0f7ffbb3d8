package dev.eventbus.camel.health;

import java.util.List;

import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer readiness check's decisions on a stub status and clock, without a broker. */
class ConsumerReadinessCheckTest {

    private final StubProbe probe = new StubProbe();
    private long now = 1_000_000;
    private final ConsumerReadinessCheck check = new ConsumerReadinessCheck("billing", probe, () -> now);

    @Test
    void aRunningConnectedConsumerIsUpAndDescribesItself() {
        probe.inFlight = 7;
        HealthCheck.Result result = check.call();
        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals("consumer:eventbus-billing", check.getId());
        assertFalse(check.isLiveness());
        assertTrue(check.isReadiness());
        var details = result.getDetails();
        assertEquals("kafka", details.get("transport"));
        assertEquals("orders", details.get("topic"));
        assertEquals("billing", details.get("group"));
        assertEquals("127.0.0.1:9092", details.get("servers"));
        assertEquals(7, details.get("in.flight"));
        assertEquals("[1]", details.get("paused.partitions"));
        assertEquals(7L, details.get("lag"));
        assertEquals("RUNNING", details.get("state"));
    }

    @Test
    void anUnreachableBrokerIsDownAfterTheGraceAndUpWhenBack() {
        probe.status = StubProbe.running(false, 0, 0);
        assertEquals(HealthCheck.State.UP, check.call().getState(), "a blip within the grace");
        now += ConsumerReadinessCheck.CONNECT_GRACE_MILLIS + 1;
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().contains("cannot reach the broker (127.0.0.1:9092)"),
                down.getMessage().orElseThrow());
        probe.status = StubProbe.running(true, 0, 0);
        assertEquals(HealthCheck.State.UP, check.call().getState());
        probe.status = StubProbe.running(false, 0, 0);
        now += 10;
        assertEquals(HealthCheck.State.UP, check.call().getState(), "the grace starts again");
    }

    @Test
    void aNatsConnectionThatIsNotConnectedIsDown() {
        probe.transport = "nats";
        probe.status = new SubscriptionStatus(SubscriptionState.RUNNING, false, "nats://127.0.0.1:4222", 0, 0,
                List.of());
        check.call();
        now += ConsumerReadinessCheck.CONNECT_GRACE_MILLIS + 1;
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertEquals("nats", down.getDetails().get("transport"));
        assertEquals(-1L, down.getDetails().get("lag"));
    }

    @Test
    void aPollLoopThatKeepsFailingIsDown() {
        probe.status = StubProbe.running(true, ConsumerReadinessCheck.MAX_POLL_FAILURES - 1, 0);
        assertEquals(HealthCheck.State.UP, check.call().getState());
        probe.status = StubProbe.running(true, ConsumerReadinessCheck.MAX_POLL_FAILURES, 0);
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().contains("failed to poll 3 times in a row"));
    }

    @Test
    void aKafkaMemberWithoutPartitionsIsDownAfterTheGrace() {
        probe.status = StubProbe.running(true, 0, now - 1000);
        assertEquals(HealthCheck.State.UP, check.call().getState(), "a rebalance in progress");
        probe.status = StubProbe.running(true, 0, now - ConsumerReadinessCheck.UNASSIGNED_GRACE_MILLIS - 1);
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().contains("no partition assigned in group billing"));
    }

    @Test
    void eventsStuckOnTheDeadLetterDestinationAreDownAfterTheGraceAndUpWhenTheyLanded() {
        probe.deadLetterStuck = 2;
        probe.deadLetterFailures = 5;
        assertEquals(HealthCheck.State.UP, check.call().getState());
        now += ConsumerReadinessCheck.CONNECT_GRACE_MILLIS + 1;
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertEquals(2, down.getDetails().get("dead.letter.stuck"));
        assertEquals(5L, down.getDetails().get("dead.letter.failures"));
        probe.deadLetterStuck = 0;
        assertEquals(HealthCheck.State.UP, check.call().getState());
    }

    @Test
    void aConsumerWithoutARunningSubscriptionIsDown() {
        probe.status = null;
        assertEquals(HealthCheck.State.DOWN, check.call().getState());
        probe.status = new SubscriptionStatus(SubscriptionState.CLOSED, false, "x", 0, 0, List.of());
        HealthCheck.Result closed = check.call();
        assertEquals(HealthCheck.State.DOWN, closed.getState());
        assertTrue(closed.getMessage().orElseThrow().endsWith("is CLOSED"));
        probe.status = new SubscriptionStatus(SubscriptionState.PAUSED, true, "x", 0, 0, List.of());
        assertEquals(HealthCheck.State.UP, check.call().getState(), "a suspended route is paused on purpose");
    }
}
