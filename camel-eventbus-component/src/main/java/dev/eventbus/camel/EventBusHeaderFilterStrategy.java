package dev.eventbus.camel;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Decides which broker record headers of a consumed event become exchange headers: everything except names that
 * look like Camel's own, in any letter case ({@code Camel*}, {@code camel*}, {@code CAMEL*}, {@code org.apache.camel*}
 * ...), since Camel's header map ignores case. The consumer drops those names whatever strategy an endpoint sets
 * ({@link #isCamelInternal}); the envelope fields always win: they are set after the record headers.
 */
public class EventBusHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    private static final String CAMEL = "camel";
    private static final String ORG_APACHE_CAMEL = "org.apache.camel";

    public EventBusHeaderFilterStrategy() {
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(false);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return isCamelInternal(headerName) || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    /** Whether {@code name} starts with {@code camel} or {@code org.apache.camel}, in any letter case. */
    public static boolean isCamelInternal(String name) {
        return name != null && (name.regionMatches(true, 0, CAMEL, 0, CAMEL.length())
                || name.regionMatches(true, 0, ORG_APACHE_CAMEL, 0, ORG_APACHE_CAMEL.length()));
    }
}
