package dev.eventbus.camel;

import java.util.Map;

import dev.eventbus.camel.format.CloudEventsBinding;
import dev.eventbus.camel.transport.TransportCapabilities;
import dev.eventbus.camel.transport.TransportFactory;
import dev.eventbus.camel.transport.kafka.KafkaTransportFactory;
import dev.eventbus.camel.transport.memory.MemoryTransportFactory;
import dev.eventbus.camel.transport.nats.NatsTransportFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every value of the {@code transport} option finds its factory by name (Camel's FactoryFinder, one registration file
 * per transport), and the capabilities the factories declare are the differences the endpoint used to check by name.
 */
class TransportFactoriesTest extends EventBusTestSupport {

    private static final Map<TransportType, Class<?>> FACTORIES = Map.of(TransportType.memory,
            MemoryTransportFactory.class,
            TransportType.kafka, KafkaTransportFactory.class, TransportType.nats, NatsTransportFactory.class);

    private TransportFactory factoryOf(TransportType type) {
        return eventbus("eventbus:t-" + type + "?transport=" + type).transportFactory();
    }

    @Test
    void everyTransportOptionValueFindsItsFactoryByName() {
        for (TransportType type : TransportType.values()) {
            TransportFactory factory = factoryOf(type);
            assertInstanceOf(FACTORIES.get(type), factory, type::name);
            assertEquals(type.name(), factory.name());
        }
    }

    @Test
    void theCapabilitiesAreTheFormerChecksByName() {
        // memory: group 'default' when unset, no wire headers (its consumers are this component), 8 partitions
        assertEquals(new TransportCapabilities(false, false, 8, false, TransportCapabilities.CloudEventsHeaders.KAFKA),
                factoryOf(TransportType.memory).capabilities());
        assertEquals(new TransportCapabilities(true, true, 8, false, TransportCapabilities.CloudEventsHeaders.KAFKA),
                factoryOf(TransportType.kafka).capabilities());
        // NATS: unpartitioned unless asked; the server redelivers after AckWait, possibly after later messages
        assertEquals(new TransportCapabilities(true, true, 0, true, TransportCapabilities.CloudEventsHeaders.NATS),
                factoryOf(TransportType.nats).capabilities());
    }

    @Test
    void theCloudEventsBindingFollowsTheTransport() {
        assertEquals(CloudEventsBinding.KAFKA, eventbus("eventbus:m").formats().binding());
        assertEquals(CloudEventsBinding.KAFKA, eventbus("eventbus:k?transport=kafka").formats().binding());
        assertEquals(CloudEventsBinding.NATS, eventbus("eventbus:n?transport=nats").formats().binding());
    }

    @Test
    void aTransportThatRequiresAGroupRefusesAConsumerWithoutOne() {
        for (TransportType type : new TransportType[]{TransportType.kafka, TransportType.nats}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> eventbus("eventbus:g?transport=" + type).createConsumer(exchange -> {
                    }));
            assertEquals(true, e.getMessage().contains("needs a groupId"), e::getMessage);
        }
    }
}
