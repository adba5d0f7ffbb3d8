package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A consumer JVM killed with SIGKILL mid-stream (no stop, no final commit), then a new consumer in the same group:
 * every event is processed at least once, none is skipped, each aggregate's events stay in order in both, and only
 * events the killed one processed after its last commit are processed again.
 */
class KafkaKilledConsumerIT extends KafkaITSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;
    /** The group gives up on the killed member after 4 s instead of 45 (its session timeout). */
    static final String SHORT_SESSION = "additionalProperties.session.timeout.ms=4000"
            + "&additionalProperties.heartbeat.interval.ms=500";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // publishing only
            }
        };
    }

    @Test
    void aKilledConsumersSuccessorSkipsNothing() throws Exception {
        KilledConsumerCheck check = new KilledConsumerCheck("acct-", AGGREGATES, VERSIONS);
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            batch.addAll(check.events(v));
        }
        template.sendBody("eventbus:" + topic + "?partitions=4", batch);
        check.runAndKill("eventbus:" + topic + "?transport=kafka&brokers=" + brokers()
                + "&groupId=killed&concurrency=8&maxInFlight=400&" + SHORT_SESSION, "killed-consumer");
        check.runSuccessor("eventbus:" + topic + "?groupId=killed&concurrency=8", KafkaITSupport::configure);
        System.out.println(check.assertNothingSkippedAndOrderKept());
    }
}
