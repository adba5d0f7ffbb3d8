package dev.eventbus.camel.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.eventbus.camel.ordering.Outcome;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a dead-letter publish can fail keeps the event (a retry with backoff) and shows in the stats. */
class DeadLettersTest {

    private final Counters stats = new Counters();
    private final List<OutboundRecord> published = new ArrayList<>();

    @Test
    void aPublisherThatThrowsKeepsTheEventStuckUntilItWorks() throws Exception {
        boolean[] broken = {true};
        DeadLetters letters = letters(records -> {
            if (broken[0]) {
                throw new IllegalStateException("connection closed");
            }
            published.addAll(records);
            return CompletableFuture.completedFuture(null);
        });
        InboundEvent event = event("boom");
        Outcome first = letters.send(event);
        assertFalse(first instanceof Outcome.Done);
        assertEquals(10, ((Outcome.Retry) first).delayMillis());
        assertEquals(40, ((Outcome.Retry) letters.send(event)).delayMillis(), "backoff grows");
        assertEquals(1, stats.deadLetterStuck());
        assertEquals(2, stats.deadLetterFailures());
        assertTrue(stats.lastDeadLetterFailure().contains("connection closed"));

        broken[0] = false;
        assertTrue(letters.send(event) instanceof Outcome.Done);
        assertEquals(0, stats.deadLetterStuck());
        assertEquals(1, stats.deadLettered());
        assertArrayEquals(new byte[0], published.get(0).value(), "a null value is dead-lettered as an empty value");
        assertEquals("boom", published.get(0).headers().get(DeadLetterHeaders.REASON));
        assertEquals("billing", published.get(0).headers().get(DeadLetterHeaders.GROUP_ID));
    }

    @Test
    void aFailedFutureKeepsTheEvent() throws Exception {
        DeadLetters letters = letters(records -> CompletableFuture.failedFuture(new IllegalStateException("denied")));
        assertFalse(letters.send(event("x")) instanceof Outcome.Done);
        assertEquals(1, stats.deadLetterStuck());
        assertTrue(stats.lastDeadLetterFailure().contains("denied"));
    }

    @Test
    void aReleasedEventNoLongerCountsAsStuck() throws Exception {
        DeadLetters letters = letters(records -> CompletableFuture.failedFuture(new IllegalStateException("denied")));
        InboundEvent event = event("x");
        letters.send(event);
        letters.unstuck(event);
        letters.unstuck(event);
        assertEquals(0, stats.deadLetterStuck());
    }

    @Test
    void aLongReasonIsCutWithoutSplittingASurrogatePair() {
        String reason = "r".repeat(DeadLetters.MAX_REASON - 1) + "\ud83d\ude80 and more";
        String cut = DeadLetters.cut(reason);
        assertEquals(DeadLetters.MAX_REASON - 1, cut.length());
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
        assertEquals("short", DeadLetters.cut("short"));
    }

    private DeadLetters letters(java.util.function.Function<List<OutboundRecord>, CompletableFuture<Void>> publish) {
        Publisher publisher = new Publisher() {
            @Override
            public CompletableFuture<Void> publish(List<OutboundRecord> records) {
                return publish.apply(records);
            }

            @Override
            public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
                return publish.apply(records);
            }
        };
        return new DeadLetters(publisher, "t.dlq", "billing", stats, 1000, n -> 10L * (1L << (2 * (n - 1))));
    }

    private static InboundEvent event(String reason) {
        Delivery delivery = new StubDelivery("a-1", null, Map.of(), 7);
        return new InboundEvent(delivery, null, reason);
    }
}
