package dev.eventbus.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The {@code --charts=<dir>} option of the benchmarks: two PNG files per benchmark run drawn with XChart, headless
 * ({@code java.awt.headless=true}): {@code <name>-throughput.png}, end-to-end msg/s per row as bars, and
 * {@code <name>-latency.png}, p50 / p99 / p99.9 per row on a logarithmic axis. Called once by the benchmark's main
 * thread after its last row.
 */
public final class Charts {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 700;

    /** One bar group: a row's label, end-to-end msg/s and latency percentiles in ms. */
    public record Row(String label, double msgPerSecond, double p50, double p99, double p999) {
    }

    private Charts() {
    }

    /**
     * Writes {@code <dir>/<name>-throughput.png} and {@code <dir>/<name>-latency.png}; does nothing when {@code dir} is
     * null or empty. {@code title} says what was run (transport, sizes, settings).
     */
    public static void write(String dir, String name, String title, List<Row> rows) throws IOException {
        if (dir == null || dir.isEmpty() || rows.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        Path directory = Files.createDirectories(Path.of(dir));
        List<String> labels = rows.stream().map(Row::label).toList();

        CategoryChart throughput = chart(title + ": end-to-end throughput", "msg/s");
        throughput.getStyler().setLegendVisible(false).setDecimalPattern("#,###");
        throughput.getStyler().setLabelsVisible(true);
        throughput.addSeries("e2e msg/s", labels, rows.stream().map(r -> (Number) r.msgPerSecond()).toList());
        Path throughputFile = directory.resolve(name + "-throughput.png");
        BitmapEncoder.saveBitmap(throughput, throughputFile.toString(), BitmapFormat.PNG);

        CategoryChart latency = chart(title + ": latency send to receive", "ms (log scale)");
        // a log axis cannot show 0: bars start a decade below the smallest figure, an empty one (nothing received) at
        // 0.001 ms
        double smallest = rows.stream().mapToDouble(r -> positive(r.p50())).min().orElse(1);
        latency.getStyler().setYAxisLogarithmic(true);
        latency.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest)) - 1));
        latency.addSeries("p50", labels, rows.stream().map(r -> (Number) positive(r.p50())).toList());
        latency.addSeries("p99", labels, rows.stream().map(r -> (Number) positive(r.p99())).toList());
        latency.addSeries("p99.9", labels, rows.stream().map(r -> (Number) positive(r.p999())).toList());
        Path latencyFile = directory.resolve(name + "-latency.png");
        BitmapEncoder.saveBitmap(latency, latencyFile.toString(), BitmapFormat.PNG);
        System.out.printf("charts: %s, %s%n", throughputFile.toAbsolutePath(), latencyFile.toAbsolutePath());
    }

    private static CategoryChart chart(String title, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yAxis)
                .build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        return chart;
    }

    private static double positive(double value) {
        return value > 0 ? value : 0.001;
    }
}
