package dev.eventbus.camel.consumer;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.Delivery;

/**
 * A delivery on its way through a lane. Decoded before it is placed on a lane ({@link EventIntake}); from then on the
 * lane thread owns it, so the fields need no synchronisation.
 */
public final class InboundEvent {

    final Delivery delivery;
    /** The decoded envelope; null when the record is not an event ({@link #deadLetterReason} says why). */
    final Envelope envelope;
    /** The CloudEvents source the record carried; null for envelope records and records that are not events. */
    String source;
    /** The lane key: the envelope's aggregate id, or the record key of a record that is not an event. */
    final String laneKey;
    /** Set when the event must go to the dead-letter topic (a failed dead-letter publish is retried from here). */
    String deadLetterReason;
    /** The class of the exception behind {@link #deadLetterReason}, when there was one. */
    String failureClass;
    /** How many times the route was given the event. */
    int routeAttempts;
    /** How many dead-letter publishes of the event failed. */
    int deadLetterAttempts;
    /** When the event was first held back for an earlier version of its aggregate ({@code nanoTime}); 0 if never. */
    long heldSinceNanos;
    /** Whether the event is held on its lane right now (counted against the consumer's hold bound). */
    boolean holding;
    /** When its lane first worked on it ({@code nanoTime}); 0 before (see {@link InProcessEvents}). */
    long startedNanos;
    /** Whether it is in its lane's list of unfinished events, and its neighbours there ({@link InProcessEvents}). */
    boolean tracked;
    InboundEvent older;
    InboundEvent newer;

    InboundEvent(Delivery delivery, Envelope envelope, String deadLetterReason, Throwable failure) {
        this(delivery, envelope, deadLetterReason);
        this.failureClass = failure == null ? null : failure.getClass().getName();
    }

    InboundEvent(Delivery delivery, Envelope envelope, String deadLetterReason) {
        this.delivery = delivery;
        this.envelope = envelope;
        this.laneKey = envelope != null ? envelope.aggregateId() : delivery.key();
        this.deadLetterReason = deadLetterReason;
    }
}
