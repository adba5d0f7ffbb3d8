package dev.eventbus.camel;

import dev.eventbus.camel.consumer.EventExchanges;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;

/** The consumer's exchanges for the pipeline: created by the Camel consumer, filled by {@link ExchangeEnvelopes}. */
final class ConsumerExchanges implements EventExchanges {

    private final EventBusConsumer consumer;
    private final ExchangeEnvelopes mapping;
    private final EventBusConfiguration config;

    ConsumerExchanges(EventBusConsumer consumer, ExchangeEnvelopes mapping, EventBusConfiguration config) {
        this.consumer = consumer;
        this.mapping = mapping;
        this.config = config;
    }

    @Override
    public Exchange create(Envelope envelope, String source, Delivery delivery, int deliveryCount) throws Exception {
        Exchange exchange = consumer.createExchange(false);
        try {
            mapping.populate(exchange, envelope, source, delivery, deliveryCount, config.getDeliver(),
                    config.getPayloadType(), consumer.getEndpoint().getHeaderFilterStrategy());
        } catch (Exception e) {
            consumer.releaseExchange(exchange, false);
            throw e;
        }
        return exchange;
    }

    @Override
    public void release(Exchange exchange) {
        consumer.releaseExchange(exchange, false);
    }

    @Override
    public AsyncProcessor processor() {
        return consumer.getAsyncProcessor();
    }
}
