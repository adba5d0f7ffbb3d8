package dev.eventbus.camel;

/**
 * How events are encoded on the transport (option {@code format}). Consumers read every format whatever this says:
 * each record's format is detected from its headers, so a topic can move from one format to another one producer at a
 * time. Constants are spelled with underscores; the URI values use dashes ({@code format=cloudevents-binary}), which
 * Camel's enum conversion maps to them.
 */
public enum WireFormat {
    /** The JSON envelope shared with the Go event bus (see README, "Wire format"). */
    envelope,
    /** A CloudEvent in binary content mode: attributes in {@code ce_} (NATS: {@code ce-}) headers, the payload as value. */
    cloudevents_binary,
    /** A CloudEvent in structured content mode: the JSON event format, content type {@code application/cloudevents+json}. */
    cloudevents_structured;

    /** The option value as written in a URI ({@code cloudevents-binary}). */
    public String uriValue() {
        return name().replace('_', '-');
    }
}
