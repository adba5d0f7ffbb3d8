package dev.eventbus.camel.consumer;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;

/**
 * What the pipeline needs from the Camel consumer to run the route for one event: an exchange carrying the event, the
 * route's processor, and giving the exchange back. The pipeline never calls the Camel consumer itself.
 */
public interface EventExchanges {

    /**
     * A new exchange carrying the event.
     *
     * @param source        the CloudEvents source the record carried, or null
     * @param deliveryCount how many times the event was delivered, this time included
     * @throws Exception when the event cannot be put into an exchange (retrying cannot help)
     */
    Exchange create(Envelope envelope, String source, Delivery delivery, int deliveryCount) throws Exception;

    /** Gives back an exchange that completed or could not be filled. */
    void release(Exchange exchange);

    /** The route. */
    AsyncProcessor processor();
}
