package dev.eventbus.camel.contract;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.RawRecords;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.testsupport.ThreadCensus;

import static org.awaitility.Awaitility.await;

/** The contract on the memory transport (no broker): dead letters read back through the transport itself. */
class MemoryContractTest extends EventBusContract {

    @Override
    protected void configureTransport(EventBusComponent component) {
        component.getConfiguration().setTransport(TransportType.memory);
    }

    @Override
    protected Predicate<String> clientThreads() {
        return ThreadCensus.NO_CLIENT;
    }

    @Override
    protected List<DeadLetter> deadLetters(String deadLetterTopic, int count) {
        return RawRecords.read(context, deadLetterTopic, "inspector", count).stream()
                .map(d -> new DeadLetter(d.topic(), d.key(), d.value(), d.headers())).toList();
    }

    @Override
    protected void assertSettled(String topicName, String group) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> RawRecords.retainedInMemory(context, topicName) == 0);
    }

    @Override
    protected boolean producerWaitsForRoom() {
        return true;
    }
}
