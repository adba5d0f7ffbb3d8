package dev.eventbus.camel.transport;

import java.util.List;

/** Receives the records of a {@link Subscription}, on the transport's thread. Must not block. */
@FunctionalInterface
public interface DeliveryHandler {

    /** Takes ownership of a record; the handler acks it when it is done. */
    void onDelivery(Delivery delivery);

    /** Takes ownership of several records at once, in order (a transport's fetch); the default hands them one by one. */
    default void onDeliveries(List<? extends Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            onDelivery(delivery);
        }
    }
}
