package dev.eventbus.camel;

import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.format.CloudEventsBinding;
import dev.eventbus.camel.format.EventFormat;
import dev.eventbus.camel.format.EventFormats;
import dev.eventbus.camel.transport.ThreadPools;
import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.TransportCapabilities;
import dev.eventbus.camel.transport.TransportContext;
import dev.eventbus.camel.transport.TransportFactory;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Publish and consume enveloped domain events, processed in order per aggregate and in parallel across aggregates,
 * over in-memory topics, Apache Kafka or NATS JetStream.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "eventbus", title = "Event Bus", syntax = "eventbus:topic",
             category = {Category.MESSAGING}, headersClass = EventBusConstants.class)
public class EventBusEndpoint extends DefaultEndpoint implements MultipleConsumersSupport, HeaderFilterStrategyAware {

    @UriParam
    private EventBusConfiguration configuration;

    @UriParam(label = "advanced",
              description = "Which broker record headers of consumed events become exchange headers; the default passes all but Camel's own (Camel*, camel*, org.apache.camel*)")
    private HeaderFilterStrategy headerFilterStrategy = new EventBusHeaderFilterStrategy();

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private ExchangeEnvelopes exchangeEnvelopes;
    private EventFormats formats;
    private TransportFactory transportFactory;
    private Transport transport;

    public EventBusEndpoint(String uri, EventBusComponent component, EventBusConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public EventBusComponent getComponent() {
        return (EventBusComponent) super.getComponent();
    }

    public EventBusConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(EventBusConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    /** Which broker record headers of consumed events become exchange headers. */
    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new EventBusProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (transportFactory().capabilities().groupIdRequired()
                && (configuration.getGroupId() == null || configuration.getGroupId().isBlank())) {
            throw new IllegalArgumentException("eventbus:" + configuration.getTopic() + " consumer with transport="
                    + configuration.getTransport() + " needs a groupId (the subscription group "
                    + "that owns its position); set groupId on the endpoint");
        }
        EventBusConsumer consumer = new EventBusConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Several routes may consume one endpoint: each is a member of the endpoint's subscription group. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    /** The wire formats of the endpoint's transport, with the CloudEvents binding its headers follow. */
    synchronized EventFormats formats() {
        if (formats == null) {
            formats = new EventFormats(CloudEventsBinding.of(transportFactory().capabilities().cloudEventsBinding()),
                    codec);
        }
        return formats;
    }

    synchronized ExchangeEnvelopes exchangeEnvelopes() {
        if (exchangeEnvelopes == null) {
            EventFormats all = formats();
            EventFormat published = switch (configuration.getFormat()) {
                case envelope -> all.envelope();
                case cloudevents_binary -> all.binary();
                case cloudevents_structured -> all.structured();
            };
            exchangeEnvelopes = new ExchangeEnvelopes(getComponent().objectMapper(), published,
                    configuration.cloudEventsSourceOrDefault(),
                    transportFactory().capabilities().writesWireHeaders());
        }
        return exchangeEnvelopes;
    }

    ThreadPools threadPools() {
        return CamelThreadPools.of(getCamelContext());
    }

    /** What the rest of the component needs to know about the endpoint's transport. */
    TransportCapabilities transportCapabilities() {
        return transportFactory().capabilities();
    }

    /**
     * The factory registered under the {@code transport} option's value in
     * {@value TransportFactory#RESOURCE_PATH}, found with Camel's FactoryFinder.
     */
    synchronized TransportFactory transportFactory() {
        if (transportFactory == null) {
            String name = configuration.getTransport().name();
            transportFactory = getCamelContext().getCamelContextExtension()
                    .getFactoryFinder(TransportFactory.RESOURCE_PATH)
                    .newInstance(name, TransportFactory.class)
                    .orElseThrow(() -> new IllegalArgumentException("eventbus:" + configuration.getTopic()
                            + ": no transport named " + name + " on the classpath ("
                            + TransportFactory.RESOURCE_PATH + name + ")"));
        }
        return transportFactory;
    }

    /** The endpoint's transport, created on first use. */
    synchronized Transport transport() {
        if (transport == null) {
            transport = transportFactory().create(new TransportContext(configuration,
                    getComponent().sharedClients(), threadPools(), getCamelContext()));
        }
        return transport;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (transport != null) {
            transport.close();
            transport = null;
        }
        super.doStop();
    }
}
