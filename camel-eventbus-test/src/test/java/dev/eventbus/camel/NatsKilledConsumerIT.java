package dev.eventbus.camel;

import org.junit.jupiter.api.Test;

/**
 * A consumer JVM on a NATS durable killed with SIGKILL mid-stream (no stop, nothing acked or nak'ed on the way out),
 * then a successor on the same durable: it waits for the killed one's unacked messages (redelivered after AckWait,
 * 2 s here), processes everything the killed one did not, skips nothing and keeps each aggregate's order. (No routes
 * of its own: the default route builder of the test support is empty.)
 */
class NatsKilledConsumerIT extends NatsTestSupport {

    private static final int AGGREGATES = 100;
    private static final int VERSIONS = 50;
    private static final String CONSUMER = "groupId=killed&concurrency=8&maxInFlight=400&ackWait=2000&resequenceTimeout=6000";

    @Test
    void aKilledConsumersSuccessorOnTheDurableSkipsNothing() throws Exception {
        KilledConsumerCheck check = new KilledConsumerCheck("order-", AGGREGATES, VERSIONS);
        for (int v = 1; v <= VERSIONS; v++) {
            template.sendBody(nats(""), check.events(v));
        }
        check.runAndKill(nats(CONSUMER), "killed-nats-consumer");
        check.runSuccessor(nats(CONSUMER), camel -> {
        });
        System.out.println(check.assertNothingSkippedAndOrderKept());
    }
}
