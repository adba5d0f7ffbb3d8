package dev.eventbus.camel.test.junit;

import java.util.Map;

import dev.eventbus.camel.test.kafka.KafkaBroker;
import dev.eventbus.camel.test.kafka.KafkaBrokers;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a test the Kafka broker shared by the test JVM ({@link KafkaBrokers#shared()}: remote, Testcontainers or a
 * local process, logged once). Use {@link EventBusKafka @EventBusKafka} on the class, or register it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaBrokerExtension kafka = KafkaBrokerExtension.withSystemProperties();
 * }</pre>
 *
 * Fields and parameters of type {@link KafkaBroker} are injected.
 */
public final class KafkaBrokerExtension extends BrokerExtension<KafkaBroker> {

    /** The extension without system properties (also what {@code @ExtendWith} creates). */
    public KafkaBrokerExtension() {
        super(KafkaBroker.class);
    }

    /**
     * An extension that also sets {@code camel.component.eventbus.transport=kafka} and
     * {@code camel.component.eventbus.brokers} as system properties while the test class runs.
     */
    public static KafkaBrokerExtension withSystemProperties() {
        KafkaBrokerExtension extension = new KafkaBrokerExtension();
        extension.enableSystemProperties();
        return extension;
    }

    @Override
    public KafkaBroker broker() {
        return KafkaBrokers.shared();
    }

    @Override
    Map<String, String> properties(KafkaBroker broker) {
        return Map.of("camel.component.eventbus.transport", "kafka",
                "camel.component.eventbus.brokers", broker.bootstrapServers());
    }

    @Override
    boolean annotatedForSystemProperties(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, EventBusKafka.class).map(EventBusKafka::systemProperties)
                .orElse(false);
    }
}
