package dev.eventbus.camel.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.EventBusConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * Waits until eventbus consumers are idle: no event buffered or in process ({@link EventBusConsumer#getInFlight()})
 * and no exchange of their route in flight in Camel. Idle is "nothing right now": wait for the events you expect first
 * (NotifyBuilder, MockEndpoint), then for idleness, e.g. before asserting that nothing more happens or stopping.
 */
public final class ConsumerIdle {

    private static final long POLL_MILLIS = 10;

    private ConsumerIdle() {
    }

    /** Waits until every eventbus consumer of {@code camel} is idle; fails after {@code timeout}. */
    public static void await(CamelContext camel, Duration timeout) {
        await(camel, null, timeout);
    }

    /** Waits until the eventbus consumer of route {@code routeId} is idle; fails after {@code timeout}. */
    public static void await(CamelContext camel, String routeId, Duration timeout) {
        List<Route> routes = routes(camel, routeId);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle(camel, routes)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "eventbus consumers not idle after " + timeout + ": " + describe(camel, routes));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for idle consumers", e);
            }
        }
    }

    /** Whether the eventbus consumers of {@code routeId} (all when null) are idle now. */
    public static boolean isIdle(CamelContext camel, String routeId) {
        return idle(camel, routes(camel, routeId));
    }

    private static List<Route> routes(CamelContext camel, String routeId) {
        List<Route> routes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if ((routeId == null || routeId.equals(route.getRouteId()))
                    && route.getConsumer() instanceof EventBusConsumer) {
                routes.add(route);
            }
        }
        if (routeId != null && routes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no route " + routeId + " with an eventbus consumer in " + camel.getName());
        }
        return routes;
    }

    private static boolean idle(CamelContext camel, List<Route> routes) {
        for (Route route : routes) {
            if (((EventBusConsumer) route.getConsumer()).getInFlight() > 0
                    || camel.getInflightRepository().size(route.getRouteId()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(CamelContext camel, List<Route> routes) {
        StringBuilder text = new StringBuilder();
        for (Route route : routes) {
            text.append(route.getRouteId()).append(" in flight ")
                    .append(((EventBusConsumer) route.getConsumer()).getInFlight()).append(" (exchanges ")
                    .append(camel.getInflightRepository().size(route.getRouteId())).append("); ");
        }
        return text.toString();
    }
}
