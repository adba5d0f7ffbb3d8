package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.tracing.EventBusSpanDecorator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * One trace from a producer route through a real Kafka broker to the consumer route, with camel-opentelemetry2 and
 * the OpenTelemetry SDK's in-memory exporter: the eventbus producer span writes its traceparent to the record, the
 * consumer route's span is its child (same trace id, parent = the producer span) and carries the eventbus tags.
 */
class KafkaTracingIT extends KafkaITSupport {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        // camel-opentelemetry2 finds the OpenTelemetry tracer and propagators in the registry
        camel.getRegistry().bind("otelTracer", otel.getTracer("camel-eventbus-it"));
        camel.getRegistry().bind("otelPropagators", otel.getPropagators());
        new OpenTelemetryTracer().init(camel);
        return camel;
    }

    @AfterEach
    void closeOpenTelemetry() {
        otel.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").routeId("producer").to("eventbus:" + topic);
                from("eventbus:" + topic + "?groupId=tracing").routeId("consumer").to("mock:consumed");
            }
        };
    }

    @Test
    void oneTraceFromTheProducerRouteThroughKafkaToTheConsumerRoute() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:consumed");
        mock.expectedMessageCount(1);
        Map<String, Object> headers = new HashMap<>();
        headers.put(EventBusConstants.AGGREGATE_ID, "order-7");
        headers.put(EventBusConstants.EVENT_TYPE, "OrderPlaced");
        headers.put(EventBusConstants.EVENT_VERSION, 1L);
        headers.put("baggage", "tenant=acme");
        template.sendBodyAndHeaders("direct:order", "{\"total\":1}", headers);
        mock.assertIsSatisfied(30_000);

        // the consumer route's span ends after the exchange completed
        SpanData consumer = await().atMost(20, TimeUnit.SECONDS)
                .until(() -> find("EVENT_RECEIVED", topic), s -> s != null);
        SpanData producer = find("EVENT_SENT", topic);
        SpanData producerRoute = spans.getFinishedSpanItems().stream()
                .filter(s -> "EVENT_RECEIVED".equals(s.getAttributes().get(AttributeKey.stringKey("op")))
                        && s.getName().equals("order"))
                .findFirst().orElseThrow(() -> new AssertionError(spans.getFinishedSpanItems().toString()));
        assertNotNull(producer, spans.getFinishedSpanItems().toString());

        String traceId = producerRoute.getTraceId();
        for (SpanData span : spans.getFinishedSpanItems()) {
            assertEquals(traceId, span.getTraceId(), "one trace: " + span);
        }
        assertEquals(producerRoute.getSpanId(), producer.getParentSpanId());
        assertEquals(producer.getSpanId(), consumer.getParentSpanId(),
                "the consumer span is the producer span's child");

        // the record carried the producer span's context; the envelope's trace id is the trace's
        ConsumerRecord<String, byte[]> record = readRaw(topic, 1).get(0);
        assertEquals("00-" + traceId + "-" + producer.getSpanId() + "-01", header(record, "traceparent"));
        assertEquals("tenant=acme", header(record, "baggage"));
        Message received = mock.getReceivedExchanges().get(0).getMessage();
        assertEquals(traceId, received.getHeader(EventBusConstants.TRACE_ID));
        assertEquals(traceId, header(record, "X-Trace-ID"));

        // the eventbus tags
        assertEquals(topic, attribute(consumer, "messaging.destination.name"));
        assertEquals(received.getHeader(EventBusConstants.EVENT_ID), attribute(consumer, "messaging.message.id"));
        assertEquals(received.getHeader(EventBusConstants.EVENT_ID),
                attribute(consumer, EventBusSpanDecorator.EVENT_ID_TAG));
        assertEquals("order-7", attribute(consumer, EventBusSpanDecorator.AGGREGATE_ID_TAG));
        assertEquals("OrderPlaced", attribute(consumer, EventBusSpanDecorator.EVENT_TYPE_TAG));
        assertEquals("1", attribute(consumer, EventBusSpanDecorator.EVENT_VERSION_TAG));
        assertEquals(String.valueOf(record.partition()), attribute(consumer, EventBusSpanDecorator.PARTITION_TAG));
        assertEquals(String.valueOf(record.offset()), attribute(consumer, EventBusSpanDecorator.OFFSET_TAG));
        assertEquals("1", attribute(consumer, EventBusSpanDecorator.DELIVERY_COUNT_TAG));
        assertEquals("camel-eventbus", attribute(consumer, "component"));
        assertEquals(topic, attribute(producer, "messaging.destination.name"));
        assertEquals("order-7", attribute(producer, EventBusSpanDecorator.AGGREGATE_ID_TAG));
        assertEquals(received.getHeader(EventBusConstants.EVENT_ID),
                attribute(producer, EventBusSpanDecorator.EVENT_ID_TAG));
    }

    private SpanData find(String op, String name) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(s -> op.equals(s.getAttributes().get(AttributeKey.stringKey("op"))) && s.getName().equals(name))
                .findFirst().orElse(null);
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
