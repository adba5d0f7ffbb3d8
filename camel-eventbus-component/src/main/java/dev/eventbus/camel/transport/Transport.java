package dev.eventbus.camel.transport;

/** A broker binding: publishes and subscribes envelope bytes. Knows nothing about Camel exchanges. */
public interface Transport extends AutoCloseable {

    /** The shared publisher of this transport. */
    Publisher publisher();

    /** Joins the subscription group and returns the (not yet started) subscription. */
    Subscription subscribe(SubscriptionSpec spec, DeliveryHandler handler);

    /**
     * Makes sure {@code topic} exists on the broker before it is used, creating it when the endpoint allows that.
     *
     * @throws IllegalStateException naming the topic when it is missing and may not be created
     */
    default void prepare(String topic) {
    }

    /** Releases the transport's clients and threads. */
    @Override
    void close();
}
