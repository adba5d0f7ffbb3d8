package dev.eventbus.camel.springboot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.PayloadMappingTest;
import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Under Spring Boot a POJO payload has the same bytes as under plain Camel and camel-main
 * ({@link PayloadMappingTest}): the application's ObjectMapper bean, whose settings differ, is not picked up.
 */
@CamelSpringBootTest
@SpringBootTest(classes = PayloadBytesTest.App.class)
class PayloadBytesTest {

    static final List<Envelope> RECEIVED = new CopyOnWriteArrayList<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** The application's own mapper (as Spring Boot's Jackson auto-configuration or the user makes one). */
        @Bean
        ObjectMapper applicationMapper() {
            return JsonMapper.builder().findAndAddModules()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        }

        @Bean
        RouteBuilder mappingRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:mapping?deliver=envelope")
                            .process(e -> RECEIVED.add(e.getMessage().getBody(Envelope.class)));
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void aPojoPayloadHasTheDocumentedBytes() {
        template.sendBodyAndHeaders("eventbus:mapping", PayloadMappingTest.ORDER, Map.of(
                EventBusConstants.AGGREGATE_ID, "o-1", EventBusConstants.EVENT_TYPE, "OrderPlaced",
                EventBusConstants.EVENT_VERSION, 1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> RECEIVED.size() == 1);
        assertEquals(PayloadMappingTest.DOCUMENTED, new String(RECEIVED.get(0).payload(), StandardCharsets.UTF_8));
    }
}
