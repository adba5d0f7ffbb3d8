package dev.eventbus.camel.format;

import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;

/** The JSON envelope shared with the Go event bus: the whole event in the value, no format headers. */
final class EnvelopeFormat implements EventFormat {

    private final EnvelopeCodec codec;

    EnvelopeFormat(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public EncodedEvent encode(Envelope envelope, String source) {
        return new EncodedEvent(codec.encode(envelope), Map.of());
    }

    @Override
    public Decoded decode(byte[] value, Map<String, String> headers) {
        return new Decoded(codec.decodeInPlace(value), null); // the transport's bytes, not modified later
    }
}
