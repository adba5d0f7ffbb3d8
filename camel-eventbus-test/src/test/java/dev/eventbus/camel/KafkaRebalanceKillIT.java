package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * A consumer JVM is SIGKILLed as a second member joins, so the group's rebalance waits on a dead member (the test sees
 * the group in a rebalancing state after the kill): the survivor gets every
 * partition once the killed member's session expired and processes every event from the last commit on: nothing
 * skipped, each aggregate in order in both members.
 */
class KafkaRebalanceKillIT extends KafkaITSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;
    private static final String GROUP = "rebalance-kill";

    @Test
    void aMemberKilledDuringARebalanceLeavesNothingSkipped() throws Exception {
        KilledConsumerCheck check = new KilledConsumerCheck("acct-", AGGREGATES, VERSIONS);
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            batch.addAll(check.events(v));
        }
        template.sendBody("eventbus:" + topic + "?partitions=4", batch);

        String uri = "eventbus:" + topic + "?groupId=" + GROUP + "&concurrency=8&"
                + KafkaKilledConsumerIT.SHORT_SESSION;
        Path processedFile = Files.createTempFile(Path.of("target"), "rebalance-killed-", ".txt");
        // 4 ms per event on 8 lanes: still busy when the second member joins
        Process killed = ConsumerProcess.start(uri + "&transport=kafka&brokers=" + brokers() + "&maxInFlight=400",
                processedFile, Path.of("target", "rebalance-killed-consumer.log"), 4);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
                CamelContext camel = new DefaultCamelContext()) {
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readAllLines(processedFile).size() > 2000);
                configure(camel);
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(uri).process(check::processedBySecond);
                    }
                });
                camel.start(); // the second member joins: the group starts to rebalance
            } finally {
                // killed while the join is under way: the dead member holds the rebalance until its session expires
                killed.destroyForcibly();
                killed.waitFor(30, TimeUnit.SECONDS);
            }
            // a describe that times out on a loaded machine is just another poll, not a failure
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .until(() -> Set.of(
                            ConsumerGroupState.PREPARING_REBALANCE, ConsumerGroupState.COMPLETING_REBALANCE)
                            .contains(groupState(admin)));
            check.readFirst(processedFile);
            await().atMost(Duration.ofSeconds(60)).until(check::finished);
        }
        System.out.println("killed as the second member joined; " + check.assertNothingSkippedAndOrderKept());
    }

    private ConsumerGroupState groupState(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(2, TimeUnit.SECONDS).get(GROUP).state();
    }
}
