package dev.eventbus.examples.orders;

import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes the next order event on each timer tick: the orders take turns (order-0, order-1, ..., order-0 again), and
 * each order's events carry versions 1, 2, 3, ... (OrderPlaced first, then LineAdded). The payload is a small JSON
 * object; aggregate id, event type and version go in the eventbus headers.
 */
@Component("orderEvents")
public class OrderEvents {

    private final int orders;
    private final AtomicLong ticks = new AtomicLong();

    public OrderEvents(@Value("${orders.aggregates:10}") int orders) {
        this.orders = orders;
    }

    /** Turns the message into the next order event. */
    public void next(Message message) {
        long tick = ticks.getAndIncrement();
        String orderId = "order-" + tick % orders;
        long version = tick / orders + 1;
        message.setHeader(EventBusConstants.AGGREGATE_ID, orderId);
        message.setHeader(EventBusConstants.EVENT_TYPE, version == 1 ? "OrderPlaced" : "LineAdded");
        message.setHeader(EventBusConstants.EVENT_VERSION, version);
        message.setBody("{\"orderId\":\"" + orderId + "\",\"line\":" + version + ",\"amountCents\":" + (100 * version)
                + "}");
    }
}
