package dev.eventbus.camel;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;

/** Reads Camel's health checks in the broker ITs, as camel-main's and Spring Boot's health endpoints do. */
final class HealthProbe {

    private final CamelContext camel;

    private HealthProbe(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Registers the routes' consumer checks and the (by default off) producer checks, as camel-main does with
     * {@code camel.health.producersEnabled=true}; call before the routes start.
     */
    static HealthProbe install(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        registry.register(registry.resolveById("consumers"));
        HealthCheckRepository producers = (HealthCheckRepository) registry.resolveById("producers");
        producers.setEnabled(true);
        registry.register(producers);
        return new HealthProbe(camel);
    }

    /** Calls the check {@code id}; empty when it is not registered. */
    Optional<HealthCheck.Result> call(String id) {
        return HealthCheckRegistry.get(camel).getCheck(id).map(HealthCheck::call);
    }

    /** The state of check {@code id}, or null when it is not registered. */
    HealthCheck.State state(String id) {
        return call(id).map(HealthCheck.Result::getState).orElse(null);
    }

    /** The id of the one eventbus producer check, or null when none is registered. */
    String producerCheck() {
        return HealthCheckRegistry.get(camel).getCheckIDs().stream().filter(id -> id.startsWith("producer:eventbus-"))
                .findFirst().orElse(null);
    }
}
