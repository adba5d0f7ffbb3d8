package dev.eventbus.camel;

/** How events are encoded on the transport. */
public enum WireFormat {
    /** The JSON envelope shared with the Go event bus (see README, "Wire format"). */
    envelope
}
