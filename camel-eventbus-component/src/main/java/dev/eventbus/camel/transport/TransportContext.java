package dev.eventbus.camel.transport;

import org.apache.camel.CamelContext;

/**
 * What a {@link TransportFactory} creates a transport from.
 *
 * @param options       the endpoint's options; a transport reads them through its own view ({@link #options(Class)})
 * @param sharedClients broker clients shared by the endpoints of the CamelContext
 * @param threadPools   where the transport's threads come from
 * @param camelContext  the endpoint's CamelContext (registry, shutdown timeout, context plugins)
 */
public record TransportContext(Object options, SharedClients sharedClients, ThreadPools threadPools,
        CamelContext camelContext) {

    /**
     * The endpoint's options as the transport's view of them.
     *
     * @throws IllegalStateException when the options do not offer the view
     */
    public <T> T options(Class<T> view) {
        if (!view.isInstance(options)) {
            throw new IllegalStateException(options.getClass().getName() + " does not offer " + view.getName());
        }
        return view.cast(options);
    }

    /** The CamelContext's shutdown timeout in milliseconds. */
    public long shutdownTimeoutMillis() {
        return camelContext.getShutdownStrategy().getTimeUnit()
                .toMillis(camelContext.getShutdownStrategy().getTimeout());
    }
}
