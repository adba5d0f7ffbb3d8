package dev.eventbus.camel.springboot;

import dev.eventbus.camel.EventBusConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@code camel.component.eventbus.customizer.enabled=false} leaves the component as Camel made it, as in Camel's starters. */
@CamelSpringBootTest
@SpringBootTest(classes = BindingTestApplication.class, properties = {
        "camel.component.eventbus.customizer.enabled=false",
        "camel.component.eventbus.concurrency=3"})
class CustomizerSwitchTest {

    @Autowired
    private CamelContext context;

    @Test
    void propertiesAreNotAppliedWhenTheCustomizerIsOff() {
        EventBusConsumer consumer = assertInstanceOf(EventBusConsumer.class,
                context.getRoute(BindingTestApplication.DEFAULTS_ROUTE).getConsumer());
        assertEquals(16, consumer.getEndpoint().getConfiguration().getConcurrency(), "the component's default");
    }
}
