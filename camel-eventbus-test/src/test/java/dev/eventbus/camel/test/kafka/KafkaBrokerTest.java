package dev.eventbus.camel.test.kafka;

import java.util.Map;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link KafkaBroker#configure(CamelContext)} without a broker. */
class KafkaBrokerTest {

    @Test
    void configurePassesTheClientPropertiesOfASecuredBroker() throws Exception {
        KafkaBroker secured = new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return "127.0.0.1:9093";
            }

            @Override
            public Provider provider() {
                return Provider.LOCAL;
            }

            @Override
            public void createTopic(String name, int partitions) {
            }

            @Override
            public Map<String, Object> clientProperties() {
                return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512");
            }
        };
        try (CamelContext camel = new DefaultCamelContext()) {
            secured.configure(camel);

            EventBusConfiguration config = camel.getComponent("eventbus", EventBusComponent.class).getConfiguration();
            assertEquals(TransportType.kafka, config.getTransport());
            assertEquals("127.0.0.1:9093", config.getBrokers());
            assertEquals("SASL_SSL", config.getAdditionalProperties().get("security.protocol"));
            assertEquals("SCRAM-SHA-512", config.getAdditionalProperties().get("sasl.mechanism"));
        }
    }
}
