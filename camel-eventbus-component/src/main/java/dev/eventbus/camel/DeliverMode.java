package dev.eventbus.camel;

/** What the body of a consumed exchange is. */
public enum DeliverMode {
    /** The payload (JSON String, or the payloadType object); envelope fields are headers. */
    payload,
    /** The whole {@link dev.eventbus.camel.envelope.Envelope}; envelope fields are headers too. */
    envelope
}
