package dev.eventbus.camel;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.Delivery;

/** A delivery on its way through a lane; the lane thread owns it, so the fields need no synchronisation. */
final class InboundEvent {

    final Delivery delivery;
    /** Decoded on the lane, once. */
    Envelope envelope;
    /** Set when the event must go to the dead-letter topic (a failed dead-letter publish is retried from here). */
    String deadLetterReason;
    /** How many times the route was given the event. */
    int routeAttempts;
    /** When the event was first held back for an earlier version of its aggregate ({@code nanoTime}); 0 if never. */
    long heldSinceNanos;

    InboundEvent(Delivery delivery) {
        this.delivery = delivery;
    }
}
