package dev.eventbus.routes;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code camel.component.eventbus.transport} selects the transport for every endpoint, as camel-main binds it. */
class ComponentPropertiesTest {

    @Test
    void theComponentTransportReachesTheYamlEndpoints() {
        Main main = new Main();
        main.addInitialProperty("camel.component.eventbus.transport", "kafka");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:camel/order-events.yaml");
        try {
            Exception e = assertThrows(Exception.class, main::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // transport=kafka reached the YAML endpoints, which now ask for the brokers
            assertEquals("eventbus:orders uses transport=kafka but no brokers are set; set brokers=host:port on the "
                    + "endpoint or camel.component.eventbus.brokers", root.getMessage());
        } finally {
            main.stop();
        }
    }
}
