package org.twofold.testing;

import java.util.Arrays;
import java.util.List;

/** The appliance's {@code /metrics} as a scraper reads it (Prometheus text format). */
public record PrometheusText(String text) {

    /** The appliance's own metrics, as the scrape configuration in docs/admin-guide.md asks for them. */
    public static PrometheusText scrape(ApplianceServer server) {
        return new PrometheusText(server.client().request("GET", "metrics?scope=application", null, "Accept", "text/plain")
                .expect(200).body());
    }

    /** The sample of the metric whose labels include all {@code labels} (e.g. {@code step="start"}); absent is an error. */
    public double value(String metric, String... labels) {
        List<String> samples = samples(metric, labels);
        if (samples.size() != 1) {
            throw new AssertionError("expected one sample of " + metric + " " + Arrays.toString(labels) + ", found "
                    + samples + " in\n" + text);
        }
        String sample = samples.get(0);
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    /** As {@link #value}, but 0 while the sample is absent: a counter with labels appears at its first event. */
    public double valueOrZero(String metric, String... labels) {
        return samples(metric, labels).isEmpty() ? 0 : value(metric, labels);
    }

    private List<String> samples(String metric, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> labelsOf(line).contains(label)))
                .toList();
    }

    /** The help line a scraper shows beside the metric. */
    public String help(String metric) {
        return text.lines().filter(line -> line.startsWith("# HELP " + metric + " ")).findFirst()
                .map(line -> line.substring(("# HELP " + metric + " ").length()))
                .orElseThrow(() -> new AssertionError("no help for " + metric + " in\n" + text));
    }

    private static String labelsOf(String sample) {
        int open = sample.indexOf('{');
        return open < 0 ? "" : sample.substring(open, sample.indexOf('}') + 1);
    }
}
