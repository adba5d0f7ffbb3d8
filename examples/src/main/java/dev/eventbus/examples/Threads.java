package dev.eventbus.examples;

import java.util.List;

/** Live threads of the JVM whose names start with {@code eventbus-}. */
final class Threads {

    private Threads() {
    }

    static List<String> eventbus() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("eventbus-")).sorted().toList();
    }
}
