package dev.eventbus.camel.test;

import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.junit.EventBusKafka;
import dev.eventbus.camel.test.kafka.KafkaBroker;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;

/** {@link BrokerKitChecks} on the kit's Kafka broker, injected by {@link EventBusKafka}. */
@EventBusKafka
class KafkaCamelTestSupportIT extends BrokerKitChecks {

    private KafkaBroker broker;

    @Override
    protected void configure(CamelContext camel) {
        broker.configure(camel);
    }

    @Override
    protected Provider provider() {
        return broker.provider();
    }

    @Override
    protected DeadLetterReader deadLetters() {
        return DeadLetterReader.kafka(broker);
    }
}
