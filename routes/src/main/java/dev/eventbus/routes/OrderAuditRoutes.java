package dev.eventbus.routes;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL: an audit trail of order events. It subscribes with its own group, so it sees every event the projection
 * sees, receives whole envelopes, and counts events per type in the {@code orderAudit} bean.
 */
public class OrderAuditRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("eventbus:orders?groupId=audit&deliver=envelope&concurrency={{orders.audit.concurrency:4}}")
                .routeId("audit-order-events")
                .filter(header(EventBusConstants.EVENT_TYPE).isNotNull())
                .bean("orderAudit", "record");
    }
}
