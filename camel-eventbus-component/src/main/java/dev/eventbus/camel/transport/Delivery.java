package dev.eventbus.camel.transport;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One record handed from a transport to the consumer. It hides the broker's words: the consumer either
 * <em>completes</em> the record ({@link #complete()}: processed or dead-lettered; the transport then commits its offset,
 * acks the message or frees it) or <em>releases</em> it ({@link #release()}, {@link #release(long)}: given back
 * unprocessed, so the broker delivers it again). Exactly one of them is called, once.
 */
public interface Delivery {

    /** The topic the record was read from. */
    String topic();

    /** The partition (or shard) of the topic the record came from. */
    int partition();

    /** The offset of the record in its partition (Kafka: the offset; NATS: the stream sequence; memory: the index). */
    long offset();

    /** The record key; producers of this component set it to the aggregate id. May be null for foreign records. */
    String key();

    /** The record value: the envelope bytes as they were on the wire. Never modified by the consumer. */
    byte[] value();

    /** Transport headers of the record (never null). */
    Map<String, String> headers();

    /**
     * Calls {@code action} with each transport header whose name {@code wanted} accepts; transports decode only the
     * values of those.
     */
    default void forEachHeader(Predicate<String> wanted, BiConsumer<String, String> action) {
        headers().forEach((name, value) -> {
            if (wanted.test(name)) {
                action.accept(name, value);
            }
        });
    }

    /** When the broker stored the record, in epoch milliseconds; 0 when the transport does not say. */
    default long timestamp() {
        return 0;
    }

    /** How many times the transport has delivered this record, starting at 1. */
    int deliveryCount();

    /**
     * Whether the transport took the record back (its partition moved to another group member) before it was
     * completed: the consumer must not start it and calls {@link #release()} instead of {@link #complete()}.
     */
    default boolean revoked() {
        return false;
    }

    /**
     * Gives a {@link #revoked()} record back unprocessed: it frees its in-flight permit without marking it done, so
     * the partition's next owner delivers it. Call it instead of {@link #complete()}, at most once.
     */
    default void release() {
        complete();
    }

    /**
     * Releases the record for a redelivery after {@code delayMillis}, freeing its in-flight permit (NATS: a nak with
     * delay). Transports that cannot redeliver a single record return false and leave it uncompleted (the caller keeps
     * it). Instead of {@link #complete()}, at most once.
     */
    default boolean release(long delayMillis) {
        return false;
    }

    /** Completes the record: it was processed or dead-lettered. Called once, instead of a release. */
    void complete();
}
