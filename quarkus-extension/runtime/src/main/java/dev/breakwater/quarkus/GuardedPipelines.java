package dev.breakwater.quarkus;

import dev.breakwater.api.RateLimiters;
import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.cdi.GuardResources;
import dev.breakwater.cdi.GuardedMethodDefinitions;
import dev.breakwater.cdi.LatePipelines;
import dev.breakwater.cdi.PipelineTable;
import dev.breakwater.cdi.RequestContextActivation;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.metrics.MetricSink;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The pipelines of the application, assembled once from the methods recorded at build time. Parameters are
 * resolved through MicroProfile Config at run time, so profiles and environment variables apply; a definition
 * error found then fails the start, as one found at build time fails the build.
 */
@Singleton
public class GuardedPipelines {

    private RecordedMethods methods;
    private DefinitionsReading reading;
    private ExecutorService executor;
    private ApplicationFeatures features;
    private volatile Map<Class<?>, PipelineTable> tables;
    private LatePipelines late;
    private CircuitBreakerRegistry breakers;
    private RateLimiters rateLimiters;
    private ThreadPools threads;
    private MetricSink metricSink;
    private GuardResources guardResources;
    private GuardedMethodDefinitions definitions;

    /** Called by the recorder at static init, before the run-time config is set up. */
    synchronized void recordMethods(RecordedMethods methods, ApplicationFeatures features) {
        this.methods = methods;
        this.features = features;
    }

    /**
     * Called by the recorder as soon as the run-time config is set up: the definitions are read on a thread of their
     * own while Quarkus goes on starting, and {@link #assembleAtStart} waits for them.
     */
    synchronized void beginReading() {
        RecordedMethods methods = this.methods;
        Config config = ConfigProvider.getConfig();
        BeanManager beanManager = Arc.container().beanManager();
        CompletionStageAdapter adapter = AdaptedCalls.of(features.mutiny(), features.kotlin());
        reading =
                DefinitionsReading.start(
                        () -> {
                            RenamedKeys.warnIfSet(config);
                            return GuardedMethodDefinitions.read(
                                    config,
                                    methods.guardedMethods(),
                                    List.of(),
                                    methods.fallbackMethods(),
                                    adapter, // names checked at build
                                    false, // Quarkus's default: SmallRye's non-compatible mode,
                                    // unless mp-compatibility=true
                                    GuardedMethodDefinitions.guardIdentifiers(beanManager),
                                    QuarkusFleetConnector.atStart());
                        });
    }

    /** Called by the recorder before the application starts, once the worker pool exists. */
    synchronized void initialize(ExecutorService executor) {
        this.executor = executor;
    }

    /** Assembles at start at the latest, so that definition errors fail the start rather than the first call. */
    void assembleAtStart(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        tables();
        // A guard bean's config is applied now, so that an invalid value fails the start, not the
        // first call.
        GuardedMethodDefinitions.configureGuards(
                ConfigProvider.getConfig(), Arc.container().beanManager());
    }

    /**
     * @param beanClass a bean class
     * @return its pipelines, assembled on first use
     */
    PipelineTable table(Class<?> beanClass) {
        return tables().getOrDefault(beanClass, PipelineTable.EMPTY);
    }

    /**
     * @param wrappedClass the class of an instance a producer wrapped with {@code InterceptionProxy}
     * @return a table for that one instance: the pipelines of the class if the build found it, otherwise assembled
     *         on first use from the call's interceptor bindings (the class's or its bindings source's annotations)
     */
    PipelineTable wrappedTable(Class<?> wrappedClass) {
        tables();
        return late.tableFor(wrappedClass);
    }

    /** @return the circuit breakers of the pipelines, by name; assembles them if that has not happened yet */
    CircuitBreakerRegistry breakers() {
        tables();
        return breakers;
    }

    /** @return the rate limiters of the pipelines, by method; assembles them if that has not happened yet */
    RateLimiters rateLimiters() {
        tables();
        return rateLimiters;
    }

    /** @return what the application's {@code Guard}s share with its pipelines; assembles them if need be */
    GuardResources guardResources() {
        tables();
        return guardResources;
    }

    private Map<Class<?>, PipelineTable> tables() {
        Map<Class<?>, PipelineTable> current = tables;
        return current != null ? current : assemble();
    }

    private synchronized Map<Class<?>, PipelineTable> assemble() {
        if (tables != null) {
            return tables;
        }
        CompletionStageAdapter adapter = AdaptedCalls.of(features.mutiny(), features.kotlin());
        GuardedMethodDefinitions definitions = reading.await();
        definitions.checkFleetClient();
        threads = ThreadPools.borrowing("quarkus", executor);
        this.definitions = definitions; // from here on, close() has something to stop
        metricSink =
                definitions.metricsEnabled()
                        ? features.metricBackends().find(Arc.container().beanManager())
                        : null;
        RequestContextActivation requestContext =
                features.contextPropagation()
                        ? new PropagatedCallerContexts()
                        : new ArcRequestContext();
        Map<Class<?>, PipelineTable> assembled =
                definitions.assemble(
                        Arc.container().beanManager(),
                        threads,
                        metricSink,
                        adapter,
                        requestContext);
        late =
                definitions.late(
                        ConfigProvider.getConfig(),
                        assembled,
                        Arc.container().beanManager(),
                        threads,
                        metricSink,
                        adapter,
                        requestContext);
        breakers =
                definitions
                        .breakers(); // written before the volatile tables, which publishes them and
        // late
        rateLimiters = definitions.rateLimiters();
        guardResources = definitions.guardResources(threads, adapter, requestContext);
        tables = assembled;
        return assembled;
    }

    /**
     * Leaves the fleet, stops the timer thread, empties the breaker registry and drops the metrics, when the
     * application stops.
     */
    synchronized void close() {
        if (definitions != null) {
            definitions.close(threads, metricSink);
        }
    }
}
