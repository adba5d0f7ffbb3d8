package dev.eventbus.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import one.profiler.AsyncProfiler;

/**
 * The {@code --profile=<file.html>} option of the benchmarks: CPU profiling with async-profiler (the
 * {@code tools.profiler:async-profiler} jar from Maven Central carries the native library for linux-x64, linux-arm64
 * and macOS). {@link #start(String)} is called by the benchmark's main thread after the warm-up, {@link #stop()} at the
 * end: it writes the flame graph HTML and prints the top frames by self time. Uses the {@code cpu} event (perf_events,
 * which async-profiler itself replaces by a timer when the kernel does not allow them) and falls back to
 * {@code itimer} when {@code cpu} cannot start at all; the event used is printed.
 */
public final class Profiler {

    /** Sampling interval: 1 ms of CPU time (async-profiler's default is 10 ms). */
    private static final long INTERVAL_NANOS = 1_000_000;
    private static final int TOP_FRAMES = 10;

    private final AsyncProfiler profiler;
    private final Path file;
    private final String event;

    private Profiler(AsyncProfiler profiler, Path file, String event) {
        this.profiler = profiler;
        this.file = file;
        this.event = event;
    }

    /** Starts CPU profiling into {@code file} (a flame graph when it ends in {@code .html}); null when no file. */
    public static Profiler start(String file) throws Exception {
        if (file == null || file.isEmpty()) {
            return null;
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        String event = "cpu";
        try {
            System.out.println(
                    "async-profiler: " + profiler.execute("start,event=cpu,interval=" + INTERVAL_NANOS).trim());
        } catch (IllegalStateException e) {
            System.out
                    .println("async-profiler: cpu event unavailable (" + e.getMessage() + "), falling back to itimer");
            event = "itimer";
            System.out.println(
                    "async-profiler: " + profiler.execute("start,event=itimer,interval=" + INTERVAL_NANOS).trim());
        }
        return new Profiler(profiler, Path.of(file).toAbsolutePath(), event);
    }

    /** Stops profiling, writes the flame graph and prints the top frames by self time. */
    public void stop() throws Exception {
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        profiler.execute("stop,flamegraph,file=" + file);
        System.out.printf("async-profiler (%s, %d samples): flame graph %s%ntop %d frames by self time:%n%s", event,
                profiler.getSamples(), file, TOP_FRAMES, profiler.dumpFlat(TOP_FRAMES));
    }
}
