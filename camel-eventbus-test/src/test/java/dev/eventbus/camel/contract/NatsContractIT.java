package dev.eventbus.camel.contract;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.nats.NatsServers;
import dev.eventbus.camel.testsupport.ThreadCensus;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract on a real nats-server (the test kit's shared one); settled means nothing pending on the durable. */
class NatsContractIT extends EventBusContract {

    private static String url() {
        return NatsServers.shared().serverUrl();
    }

    @Override
    protected void configureTransport(EventBusComponent component) {
        component.getConfiguration().setTransport(TransportType.nats);
        component.getConfiguration().setServers(url());
    }

    @Override
    protected Predicate<String> clientThreads() {
        return ThreadCensus.NATS_CLIENT;
    }

    @Override
    protected long firstOffset() {
        return 1;
    }

    @Override
    protected String onePartition() {
        return ""; // a NATS topic without partitions is one subject; partitions=1 would be subject <topic>.0
    }

    @Override
    protected String partitioned() {
        return "";
    }

    @Override
    protected List<DeadLetter> deadLetters(String deadLetterTopic, int count) {
        return DeadLetterReader.nats(url()).read(deadLetterTopic, count, Duration.ofSeconds(20));
    }

    @Override
    protected void assertSettled(String topicName, String group) throws Exception {
        try (Connection plain = Nats.connect(new Options.Builder().server(url()).connectionName("contract").build())) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                ConsumerInfo info = plain.jetStreamManagement().getConsumerInfo(topicName.toUpperCase(), group);
                assertEquals(0, info.getNumAckPending() + info.getNumPending(), info.toString());
            });
        }
    }
}
