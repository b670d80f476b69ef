/**
 * Fault-tolerance metrics with the names, types, tags and units of the MicroProfile Fault Tolerance spec, recorded
 * into any backend that implements {@link dev.breakwater.metrics.MetricSink}.
 */
package dev.breakwater.metrics;
