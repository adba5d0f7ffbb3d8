package dev.eventbus.camel.consumer;

import dev.eventbus.camel.EventBusConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default redelivery policy reproduces the delays of the options it is built from. */
class BackoffRedeliveryPolicyTest {

    @Test
    void theDefaultOptionsDoubleFrom100MsUpTo10s() {
        BackoffRedeliveryPolicy policy = BackoffRedeliveryPolicy.of(new EventBusConfiguration());
        assertEquals(5, policy.maxDeliveries());
        long[] expected = {100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000};
        for (int n = 1; n <= expected.length; n++) {
            assertEquals(expected[n - 1], policy.delayMillis(n, new IllegalStateException()),
                    "delay after delivery " + n);
        }
        assertEquals(10_000, policy.delayMillis(1000, null), "capped, no overflow");
        assertTrue(policy.retryable(new IllegalArgumentException()), "every failure is retryable by default");
    }

    @Test
    void theOptionsAreTakenAsTheyAreAndAFractionalDelayIsCutDown() {
        EventBusConfiguration config = new EventBusConfiguration();
        config.setMaxDeliveries(3);
        config.setRedeliveryDelay(100);
        config.setRedeliveryBackoffMultiplier(1.5);
        config.setMaxRedeliveryDelay(300);
        BackoffRedeliveryPolicy policy = BackoffRedeliveryPolicy.of(config);
        assertEquals(3, policy.maxDeliveries());
        assertEquals(100, policy.delayMillis(1));
        assertEquals(150, policy.delayMillis(2));
        assertEquals(225, policy.delayMillis(3));
        assertEquals(300, policy.delayMillis(4), "337.5 capped at maxRedeliveryDelay");
        assertEquals(new BackoffRedeliveryPolicy(3, 100, 1.5, 300), policy);
    }

    @Test
    void aFixedDelayStaysFixed() {
        BackoffRedeliveryPolicy policy = new BackoffRedeliveryPolicy(5, 250, 1.0, 10_000);
        for (int n = 1; n <= 5; n++) {
            assertEquals(250, policy.delayMillis(n));
        }
    }
}
