package dev.eventbus.camel.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionLifecycleTest {

    private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle();

    @Test
    void movesCreatedRunningPausedClosingClosed() {
        assertEquals(SubscriptionState.CREATED, lifecycle.state());
        assertFalse(lifecycle.takesRecords());
        assertTrue(lifecycle.start());
        assertTrue(lifecycle.takesRecords());
        lifecycle.pause();
        assertEquals(SubscriptionState.PAUSED, lifecycle.state());
        assertFalse(lifecycle.takesRecords());
        assertTrue(lifecycle.isActive());
        lifecycle.resume();
        assertEquals(SubscriptionState.RUNNING, lifecycle.state());
        assertTrue(lifecycle.close());
        assertEquals(SubscriptionState.CLOSING, lifecycle.state());
        assertFalse(lifecycle.isActive());
        assertTrue(lifecycle.isClosing());
        lifecycle.closed();
        assertEquals(SubscriptionState.CLOSED, lifecycle.state());
    }

    @Test
    void neverMovesBackwards() {
        assertFalse(lifecycle.close(), "nothing to end: no thread was started");
        assertEquals(SubscriptionState.CLOSED, lifecycle.state(), "a subscription never started closes at once");
        assertFalse(lifecycle.start(), "a closed subscription does not start again");
        lifecycle.resume();
        lifecycle.pause();
        assertEquals(SubscriptionState.CLOSED, lifecycle.state());
        assertFalse(lifecycle.close(), "close is done once");
    }

    @Test
    void pauseAndResumeOutsideRunningChangeNothing() {
        lifecycle.resume();
        assertEquals(SubscriptionState.CREATED, lifecycle.state());
        lifecycle.start();
        lifecycle.resume();
        assertEquals(SubscriptionState.RUNNING, lifecycle.state());
        lifecycle.pause();
        lifecycle.pause();
        assertEquals(SubscriptionState.PAUSED, lifecycle.state());
        assertTrue(lifecycle.close(), "a paused subscription closes");
    }
}
