package dev.eventbus.camel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.Transport;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Publishes the exchange's event (or batch of events). Everything is validated before anything is sent; the exchange
 * completes only when the transport accepted every event, and fails with the cause otherwise. Events sent from one
 * thread keep their order per aggregate.
 */
public class EventBusProducer extends DefaultAsyncProducer {

    private Publisher publisher;

    public EventBusProducer(EventBusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EventBusEndpoint getEndpoint() {
        return (EventBusEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Transport transport = getEndpoint().transport();
        transport.prepare(getEndpoint().getConfiguration().getTopic());
        publisher = transport.publisher();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<OutboundRecord> records;
        try {
            records = getEndpoint().exchangeEnvelopes().toRecords(exchange, getEndpoint().getConfiguration().getTopic());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (records.isEmpty()) {
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> sent = publisher.publish(records);
        if (sent.isDone()) {
            complete(exchange, sent);
            callback.done(true);
            return true;
        }
        sent.whenComplete((ignored, failure) -> {
            complete(exchange, sent);
            callback.done(false);
        });
        return false;
    }

    private static void complete(Exchange exchange, CompletableFuture<Void> sent) {
        try {
            sent.join();
        } catch (CompletionException e) {
            exchange.setException(e.getCause() != null ? e.getCause() : e);
        }
    }
}
