package dev.eventbus.camel.transport.kafka;

import dev.eventbus.camel.EventBusConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How endpoint options become the Kafka transport's bounds. */
class KafkaTimeoutOptionsTest {

    private static EventBusConfiguration config() {
        EventBusConfiguration config = new EventBusConfiguration();
        config.setTopic("orders");
        config.setBrokers("localhost:9092");
        return config;
    }

    @Test
    void theRevokeWaitDefaultsToTheContextsShutdownTimeout() {
        assertEquals(7000, KafkaTransportFactory.settings(config(), 7000).revokeTimeoutMillis());
    }

    @Test
    void revokeTimeoutOverridesTheShutdownTimeout() {
        EventBusConfiguration config = config();
        config.setRevokeTimeout(300L);
        assertEquals(300, KafkaTransportFactory.settings(config, 7000).revokeTimeoutMillis());
    }

    @Test
    void startTimeoutBoundsProvisioning() {
        EventBusConfiguration config = config();
        assertEquals(10_000, KafkaTransportFactory.settings(config, 7000).startTimeoutMillis());
        config.setStartTimeout(1500);
        KafkaSettings settings = KafkaTransportFactory.settings(config, 7000);
        assertEquals(1500, settings.startTimeoutMillis());
    }
}
