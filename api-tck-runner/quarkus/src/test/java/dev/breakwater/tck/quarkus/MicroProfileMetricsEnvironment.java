package dev.breakwater.tck.quarkus;

import io.smallrye.metrics.MetricRegistries;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.container.ClassContainer;

/**
 * Gives each deployment the MicroProfile Metrics registries a MicroProfile server provides: SmallRye Metrics'
 * producer of the {@code base}, {@code vendor} and {@code application} registries. No Quarkus extension for
 * MicroProfile Metrics 4.0 is served for Quarkus 3.34, and ArC discovers beans only in what it indexes.
 */
public class MicroProfileMetricsEnvironment implements ApplicationArchiveProcessor {

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (archive instanceof ClassContainer<?> classes) {
            classes.addClass(MetricRegistries.class);
        }
    }
}
