package dev.eventbus.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import one.profiler.AsyncProfiler;

/**
 * The {@code --profile=<file.html>} option of the benchmarks: CPU profiling with async-profiler (the
 * {@code tools.profiler:async-profiler} jar from Maven Central carries the native library for linux-x64, linux-arm64
 * and macOS). {@link #start(String)} is called by the benchmark's main thread after the warm-up, {@link #stop()} at the
 * end: it writes the flame graph HTML and prints the top frames by self time (all threads, and Java threads only),
 * also written to {@code <file>-top.txt}. Uses the {@code cpu} event (perf_events;
 * {@code -Dbench.profileEvent=itimer|wall|...} chooses another) and falls back to {@code itimer} when it cannot start;
 * the event used is printed.
 */
public final class Profiler {

    /** Sampling interval: 1 ms of CPU time (async-profiler's default is 10 ms). */
    private static final long INTERVAL_NANOS = 1_000_000;
    private static final int TOP_FRAMES = 10;
    private static final String EVENT = System.getProperty("bench.profileEvent", "cpu");

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
        String event = EVENT;
        try {
            System.out.println("async-profiler: " + start(profiler, event));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.out.println("async-profiler: " + event + " unavailable (" + e.getMessage() + "), using itimer");
            event = "itimer";
            System.out.println("async-profiler: " + start(profiler, event));
        }
        return new Profiler(profiler, Path.of(file).toAbsolutePath(), event);
    }

    private static String start(AsyncProfiler profiler, String event) throws Exception {
        return profiler.execute("start,event=" + event + ",interval=" + INTERVAL_NANOS).trim() + ", event " + event;
    }

    /** Stops profiling, writes the flame graph and prints the top frames by self time. */
    public void stop() throws Exception {
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        profiler.execute("stop,flamegraph,file=" + file);
        // the same samples as collapsed stacks (one line per stack), for scripts: inclusive time per frame
        profiler.execute("collapsed,file=" + file.resolveSibling(
                file.getFileName().toString().replaceFirst("\\.html$", "") + ".collapsed"));
        // the second listing keeps only stacks of Java threads (Thread.run or a main method at the root): the JIT
        // compiler and GC threads, which dominate short runs, left out; percentages stay of all samples
        String top = String.format("top %d frames by self time, all threads:%n%s%ntop %d frames by self time, Java"
                + " threads only:%n%s", TOP_FRAMES, profiler.dumpFlat(TOP_FRAMES), TOP_FRAMES,
                profiler.execute("flat=" + TOP_FRAMES + ",traces=0,include=*Thread.run,include=*.main"));
        Path text = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.html$", "") + "-top.txt");
        Files.writeString(text, top);
        System.out.printf("async-profiler (%s, %d samples): flame graph %s, top frames %s%n%s", event,
                profiler.getSamples(), file, text, top);
    }
}
