package dev.eventbus.camel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The component owns the JSON mapping of payload objects, so one POJO gives the same bytes in every runtime: plain
 * Camel, camel-main, and a registry that holds some other ObjectMapper (as Spring Boot's does). A user's mapper is
 * used only when it is configured on the component.
 */
public class PayloadMappingTest {

    /** A payload with the types whose JSON differs between Jackson set-ups. */
    public record OrderPlaced(String orderId, Instant placedAt, LocalDate deliveryDay, OffsetDateTime promisedAt,
            Duration window, BigDecimal amount, Optional<String> coupon) {
    }

    /** The payload every runtime must write the same way (also used by the starter's Spring Boot test). */
    public static final OrderPlaced ORDER = new OrderPlaced("o-1", Instant.parse("2024-05-01T10:00:00.123Z"),
            LocalDate.parse("2024-05-03"), OffsetDateTime.parse("2024-05-03T18:00:00+02:00"), Duration.ofMinutes(90),
            new BigDecimal("12.50"), Optional.of("SPRING"));

    /** The JSON of {@link #ORDER} under the documented default mapping (README, "Publishing"). */
    public static final String DOCUMENTED = "{\"orderId\":\"o-1\",\"placedAt\":\"2024-05-01T10:00:00.123Z\","
            + "\"deliveryDay\":\"2024-05-03\",\"promisedAt\":\"2024-05-03T18:00:00+02:00\","
            + "\"window\":\"PT1H30M\",\"amount\":12.50,\"coupon\":\"SPRING\"}";

    /** A payload class with one constructor and no default one or @JsonCreator (as Kotlin and Lombok make them). */
    public static final class Shipped {
        private final String orderId;
        private final int parcels;

        public Shipped(String orderId, int parcels) {
            this.orderId = orderId;
            this.parcels = parcels;
        }

        public String getOrderId() {
            return orderId;
        }

        public int getParcels() {
            return parcels;
        }
    }

    @Test
    void aPayloadTypeWithOnlyAConstructorIsRead() throws Exception {
        // the project compiles with -parameters, as Spring Boot builds do
        Shipped read = EventBusComponent.defaultObjectMapper().readValue("{\"orderId\":\"o-9\",\"parcels\":2}",
                Shipped.class);
        assertEquals("o-9", read.getOrderId());
        assertEquals(2, read.getParcels());
    }

    @Test
    void plainCamelWritesTheDocumentedMapping() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertEquals(DOCUMENTED, publishAndRead(context));
        }
    }

    @Test
    void anObjectMapperThatIsOnlyBoundInTheRegistryIsNotUsed() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            // what a Spring Boot application context holds: some ObjectMapper bean with its own settings
            context.getRegistry().bind("jacksonObjectMapper", JsonMapper.builder().findAndAddModules()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
            assertEquals(DOCUMENTED, publishAndRead(context));
        }
    }

    @Test
    void aConfiguredObjectMapperIsUsed() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ObjectMapper snake = JsonMapper.builder().findAndAddModules()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
            context.getRegistry().bind("snake", snake);
            EventBusComponent component = new EventBusComponent();
            component.setObjectMapper(snake);
            context.addComponent("eventbus", component);
            assertEquals(snake.writeValueAsString(ORDER), publishAndRead(context));
        }
    }

    @Test
    void camelMainWritesTheSameBytes() throws Exception {
        Main main = new Main();
        main.configure().withDurationMaxSeconds(0);
        main.bind("jacksonObjectMapper", new ObjectMapper());
        main.start();
        try {
            assertEquals(DOCUMENTED, publishAndRead(main.getCamelContext()));
        } finally {
            main.stop();
        }
    }

    /** Publishes {@link #ORDER} on a memory topic and returns the payload text of the envelope a consumer got. */
    private static String publishAndRead(CamelContext context) throws Exception {
        List<Envelope> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:mapping?deliver=envelope")
                        .process(e -> received.add(e.getMessage().getBody(Envelope.class)));
            }
        });
        if (!context.isStarted()) {
            context.start();
        }
        ProducerTemplate template = context.createProducerTemplate();
        template.sendBodyAndHeaders("eventbus:mapping", ORDER, java.util.Map.of(
                EventBusConstants.AGGREGATE_ID, "o-1", EventBusConstants.EVENT_TYPE, "OrderPlaced",
                EventBusConstants.EVENT_VERSION, 1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 1);
        return new String(received.get(0).payload(), StandardCharsets.UTF_8);
    }
}
