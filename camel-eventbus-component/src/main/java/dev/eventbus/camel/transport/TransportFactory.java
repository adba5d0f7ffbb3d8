package dev.eventbus.camel.transport;

/**
 * Creates the {@link Transport} of an endpoint and says how the transport differs from the others. One factory per
 * transport, in the transport's package, registered under its name in
 * {@code META-INF/services/dev/eventbus/camel/transport/<name>} ({@code class=<factory class>}); the endpoint finds it
 * with Camel's FactoryFinder by the value of its {@code transport} option.
 */
public interface TransportFactory {

    /** Where the factories are registered, for Camel's FactoryFinder. */
    String RESOURCE_PATH = "META-INF/services/dev/eventbus/camel/transport/";

    /** The value of the {@code transport} option that selects this transport. */
    String name();

    /** What the endpoint must know about this transport. */
    TransportCapabilities capabilities();

    /**
     * The transport of one endpoint.
     *
     * @throws IllegalArgumentException naming the option when the endpoint's options do not fit the transport
     */
    Transport create(TransportContext context);
}
