package dev.eventbus.examples.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The {@code --work=} option: what every consumer of a benchmark does per event besides recording it, the same in
 * every row. {@code none} (default) does nothing; {@code blocking-1ms-5pct} blocks the consuming thread for 1 ms on
 * every 20th message (index {@code i % 20 == 0}: the same 5 % of the events in every row), as a call to a slow
 * service would. Called on the consumer's processing thread (a lane, a Parallel Consumer worker, a poll thread).
 */
public enum Work {
    NONE("none"),
    BLOCKING_1MS_5PCT("blocking-1ms-5pct");

    private static final long BLOCK_NANOS = 1_000_000;

    private final String option;

    Work(String option) {
        this.option = option;
    }

    public static Work parse(String option) {
        for (Work work : values()) {
            if (work.option.equals(option)) {
                return work;
            }
        }
        throw new IllegalArgumentException("--work must be none or blocking-1ms-5pct (was " + option + ")");
    }

    /** Does this work for message {@code index}. */
    public void on(int index) {
        if (this == BLOCKING_1MS_5PCT && index % 20 == 0) {
            long until = System.nanoTime() + BLOCK_NANOS;
            long wait;
            while ((wait = until - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait); // blocks (sleeps) the thread, as I/O would; no CPU spent
            }
        }
    }

    @Override
    public String toString() {
        return option;
    }
}
