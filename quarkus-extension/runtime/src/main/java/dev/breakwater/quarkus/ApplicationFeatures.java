package dev.breakwater.quarkus;

import dev.breakwater.cdi.MetricBackends;

/**
 * What the build found in the application that changes how calls are guarded.
 *
 * @param metricBackends the metrics backends to record into, as the build's capabilities chose them
 * @param mutiny whether Mutiny is on the class path, so that {@code Uni} methods are guarded
 * @param kotlin whether Kotlin is on the class path, so that {@code suspend} functions are guarded
 * @param contextPropagation whether the application has MicroProfile Context Propagation, so that asynchronous
 *                           calls carry all of their caller's contexts
 */
public record ApplicationFeatures(
        MetricBackends metricBackends,
        boolean mutiny,
        boolean kotlin,
        boolean contextPropagation) {}
