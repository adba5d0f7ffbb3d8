package dev.eventbus.camel.health;

/**
 * How long a condition has held, as seen by the calls of one health check: the first call that sees it starts the
 * clock, a call that does not see it stops it. Only called under the check's lock ({@code AbstractHealthCheck.call}
 * serializes calls), so the field needs no synchronisation.
 */
final class Grace {

    private long since = -1;

    /**
     * @param  holds whether the condition holds now
     * @param  now   the current time in milliseconds
     * @return       how long it has held, in milliseconds; -1 when it does not hold
     */
    long observe(boolean holds, long now) {
        if (!holds) {
            since = -1;
            return -1;
        }
        if (since < 0) {
            since = now;
        }
        return now - since;
    }
}
