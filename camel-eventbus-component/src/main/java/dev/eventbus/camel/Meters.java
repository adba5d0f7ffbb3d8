package dev.eventbus.camel;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Micrometer registry of an endpoint without touching Micrometer: micrometer-core is an optional dependency,
 * so this class names its types only as strings, and the consumer and producer load the classes of
 * {@code dev.eventbus.camel.metrics} only when {@link #registry} returned one.
 */
final class Meters {

    private static final Logger LOG = LoggerFactory.getLogger(Meters.class);
    private static final Class<?> REGISTRY = load("io.micrometer.core.instrument.MeterRegistry");
    private static final Class<?> COMPOSITE = load("io.micrometer.core.instrument.composite.CompositeMeterRegistry");

    private Meters() {
    }

    /** Whether micrometer-core is on the classpath. */
    static boolean available() {
        return REGISTRY != null;
    }

    /**
     * The endpoint's {@code meterRegistry}, else the single MeterRegistry bound in the Camel registry (with Spring
     * Boot: its CompositeMeterRegistry when there are several), else null: nothing is measured.
     *
     * @throws IllegalArgumentException when the option is set to something that is not a MeterRegistry
     */
    static Object registry(EventBusConfiguration config, CamelContext context) {
        Object configured = config.getMeterRegistry();
        if (configured != null) {
            if (REGISTRY == null || !REGISTRY.isInstance(configured)) {
                throw new IllegalArgumentException("eventbus:" + config.getTopic() + ": meterRegistry must be an "
                        + "io.micrometer.core.instrument.MeterRegistry (micrometer-core on the classpath), was "
                        + configured.getClass().getName());
            }
            return configured;
        }
        if (REGISTRY == null) {
            return null;
        }
        Set<?> found = context.getRegistry().findByType(REGISTRY);
        if (found.size() == 1) {
            return found.iterator().next();
        }
        if (found.size() > 1) {
            Object composite = null;
            for (Object registry : found) {
                if (COMPOSITE != null && COMPOSITE.isInstance(registry)) {
                    if (composite != null) {
                        composite = null;
                        break;
                    }
                    composite = registry;
                }
            }
            if (composite != null) {
                return composite;
            }
            LOG.warn("eventbus:{}: {} MeterRegistry beans and no single composite one; set meterRegistry to choose. "
                    + "Nothing is measured", config.getTopic(), found.size());
        }
        return null;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Meters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
