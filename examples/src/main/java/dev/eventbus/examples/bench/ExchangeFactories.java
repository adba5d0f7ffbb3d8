package dev.eventbus.examples.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.impl.engine.PooledExchangeFactory;
import org.apache.camel.impl.engine.PooledProcessorExchangeFactory;

/**
 * {@code -Dbench.exchangeFactory=pooled}: the eventbus CamelContexts of the benchmarks and the demo use Camel's pooled
 * exchange factories (what camel-main's {@code camel.main.exchangeFactory=pooled} sets) instead of the default
 * {@code prototype} ones, to measure exchange pooling on and off. Called by a benchmark's main thread before the
 * context starts; the camel-kafka and camel-nats rows keep the default.
 */
public final class ExchangeFactories {

    /** {@code prototype} (Camel's default) or {@code pooled}. */
    public static final String KIND = System.getProperty("bench.exchangeFactory", "prototype");

    private ExchangeFactories() {
    }

    /** Applies {@link #KIND} to a context that has not started yet. */
    public static void apply(CamelContext context) {
        switch (KIND) {
            case "prototype" -> {
            }
            case "pooled" -> {
                ExtendedCamelContext extension = context.getCamelContextExtension();
                extension.setExchangeFactory(new PooledExchangeFactory());
                extension.setProcessorExchangeFactory(new PooledProcessorExchangeFactory());
            }
            default -> throw new IllegalArgumentException(
                    "-Dbench.exchangeFactory must be prototype or pooled (was " + KIND + ")");
        }
    }
}
