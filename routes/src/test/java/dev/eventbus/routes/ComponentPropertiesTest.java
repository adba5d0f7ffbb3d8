package dev.eventbus.routes;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code camel.component.eventbus.transport} selects the transport for every endpoint, as camel-main binds it. */
class ComponentPropertiesTest {

    @Test
    void aTransportThatIsNotAvailableYetFailsTheStartWithAClearMessage() {
        Main main = new Main();
        main.addInitialProperty("camel.component.eventbus.transport", "kafka");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:camel/order-events.yaml");
        try {
            Exception e = assertThrows(Exception.class, main::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals("eventbus transport 'kafka' is not available in this version of camel-eventbus "
                         + "(endpoint eventbus:orders); use transport=memory", root.getMessage());
        } finally {
            main.stop();
        }
    }
}
