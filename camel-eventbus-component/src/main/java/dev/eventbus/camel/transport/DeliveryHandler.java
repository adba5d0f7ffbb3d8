package dev.eventbus.camel.transport;

/** Receives the records of a {@link Subscription}, on the transport's thread. Must not block. */
@FunctionalInterface
public interface DeliveryHandler {

    /** Takes ownership of a record; the handler acks it when it is done. */
    void onDelivery(Delivery delivery);
}
