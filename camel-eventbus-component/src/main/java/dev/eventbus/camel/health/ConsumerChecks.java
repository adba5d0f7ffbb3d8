package dev.eventbus.camel.health;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;

/**
 * The health checks of one running consumer: its readiness check ({@link ConsumerReadinessCheck}), set as the
 * consumer's own check the way camel-kafka's consumer does (Camel's {@code consumers} repository calls it from
 * {@code consumer:<routeId>}), and its liveness check ({@link StuckEventCheck}), registered in the
 * {@link HealthCheckRegistry}. The consumer registers on start and unregisters on stop (its Camel lifecycle thread).
 */
public final class ConsumerChecks {

    private final HealthCheckRegistry registry;
    private final StuckEventCheck stuck;

    private ConsumerChecks(HealthCheckRegistry registry, StuckEventCheck stuck) {
        this.registry = registry;
        this.stuck = stuck;
    }

    /**
     * Creates and registers the consumer's checks; does nothing when Camel has no health-check registry (no
     * camel-health on the classpath).
     *
     * @param enabled            the component's {@code healthCheckConsumerEnabled}
     * @param stuckTimeoutMillis the consumer's {@code stuckEventTimeout}
     */
    public static ConsumerChecks register(DefaultConsumer consumer, boolean enabled, ConsumerProbe probe,
            long stuckTimeoutMillis) {
        CamelContext context = consumer.getEndpoint().getCamelContext();
        String routeId = consumer.getRouteId();
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(context, "consumers",
                HealthCheckRepository.class);
        if (consumers != null) {
            ConsumerReadinessCheck readiness = new ConsumerReadinessCheck(routeId, probe);
            readiness.setEnabled(enabled);
            readiness.setCamelContext(context);
            consumer.setHealthCheck(readiness);
        }
        HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(context);
        StuckEventCheck stuck = null;
        if (registry != null) {
            stuck = new StuckEventCheck(routeId, probe::oldestEvent, stuckTimeoutMillis);
            stuck.setEnabled(enabled);
            stuck.setCamelContext(context);
            registry.register(stuck);
        }
        return new ConsumerChecks(registry, stuck);
    }

    /** Removes the liveness check (the readiness check goes with the consumer). */
    public void unregister() {
        if (registry != null && stuck != null) {
            registry.unregister(stuck);
        }
    }
}
