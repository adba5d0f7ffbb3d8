package dev.eventbus.examples.orders;

import java.util.concurrent.CompletableFuture;

import dev.eventbus.camel.testsupport.KafkaTestBroker;
import dev.eventbus.camel.testsupport.NatsTestServer;

/**
 * Starts the shared Kafka broker and nats-server of the test support in the background as soon as the first test
 * class of this module loads, so that their start overlaps the Spring contexts of the tests that run before the broker
 * tests. The broker tests still ask {@link KafkaTestBroker#shared()} and {@link NatsTestServer#url()}, which wait for
 * the start (or repeat its failure).
 */
final class BrokersWarmUp {

    static {
        CompletableFuture.runAsync(KafkaTestBroker::shared);
        CompletableFuture.runAsync(NatsTestServer::url);
    }

    private BrokersWarmUp() {
    }

    /** Loads this class once: the starts run in the background. */
    static void begin() {
        // the static initializer did the work
    }
}
