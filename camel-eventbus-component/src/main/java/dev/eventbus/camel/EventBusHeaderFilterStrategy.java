package dev.eventbus.camel;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Decides which broker record headers of a consumed event become exchange headers: everything except names that
 * look like Camel's own (Camel*, camel*, org.apache.camel*), so a record cannot set Camel-internal headers. The
 * envelope fields always win: they are set after the record headers.
 */
public class EventBusHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public EventBusHeaderFilterStrategy() {
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(false);
    }
}
