package dev.eventbus.camel.transport.memory;

import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.TransportCapabilities;
import dev.eventbus.camel.transport.TransportContext;
import dev.eventbus.camel.transport.TransportFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;

/** {@code transport=memory}: in-JVM topics shared by the endpoints of one CamelContext. */
public final class MemoryTransportFactory implements TransportFactory {

    /** No group needed, no wire headers (its consumers are this component), 8 partitions, in-order redelivery. */
    private static final TransportCapabilities CAPABILITIES = new TransportCapabilities(false, false, 8, false,
            TransportCapabilities.CloudEventsHeaders.KAFKA);

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public TransportCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Transport create(TransportContext context) {
        MemoryOptions options = context.options(MemoryOptions.class);
        return new MemoryTransport(brokerOf(context.camelContext()),
                options.getPartitions() == null ? CAPABILITIES.defaultPartitions() : options.getPartitions(),
                options.getCapacity(), options.getPublishTimeout(), context.threadPools());
    }

    /** The memory topics of {@code camelContext}, shared by every eventbus endpoint in it. */
    public static MemoryBroker brokerOf(CamelContext camelContext) {
        ExtendedCamelContext ext = camelContext.getCamelContextExtension();
        synchronized (ext) {
            MemoryBroker broker = ext.getContextPlugin(MemoryBroker.class);
            if (broker == null) {
                broker = new MemoryBroker();
                ext.addContextPlugin(MemoryBroker.class, broker);
            }
            return broker;
        }
    }
}
