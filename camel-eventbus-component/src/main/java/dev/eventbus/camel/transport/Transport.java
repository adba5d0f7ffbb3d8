package dev.eventbus.camel.transport;

/** A broker binding: publishes and subscribes envelope bytes. Knows nothing about Camel exchanges. */
public interface Transport extends AutoCloseable {

    /** The shared publisher of this transport. */
    Publisher publisher();

    /** Joins the subscription group and returns the (not yet started) subscription. */
    Subscription subscribe(SubscriptionSpec spec, DeliveryHandler handler);

    /** Releases the transport's clients and threads. */
    @Override
    void close();
}
