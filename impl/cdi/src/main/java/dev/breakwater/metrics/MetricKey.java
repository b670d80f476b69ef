package dev.breakwater.metrics;

import dev.breakwater.metrics.MetricSink.Tag;
import java.util.List;

/**
 * The identity of one metric in a backend: its name and its tags, in the order the spec lists them.
 *
 * @param name the metric's name
 * @param tags its tags, {@code method} first
 */
record MetricKey(String name, List<Tag> tags) {

    MetricKey(String name, Tag... tags) {
        this(name, List.of(tags));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append('{');
        for (int i = 0; i < tags.size(); i++) {
            text.append(i == 0 ? "" : ", ")
                    .append(tags.get(i).name())
                    .append("=\"")
                    .append(tags.get(i).value())
                    .append('"');
        }
        return text.append('}').toString();
    }
}
