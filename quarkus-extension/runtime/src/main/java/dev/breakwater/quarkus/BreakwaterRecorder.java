package dev.breakwater.quarkus;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;

import java.lang.annotation.Annotation;
import java.util.concurrent.ExecutorService;

/** Hands what the build found to the running application. */
@Recorder
public class BreakwaterRecorder {

    /** @return an empty list of guarded methods, filled by {@link #guard} */
    public RuntimeValue<RecordedMethods> methods() {
        return new RuntimeValue<>(new RecordedMethods());
    }

    /**
     * Adds one guarded method; see {@link RecordedMethod} for the parameters.
     *
     * @param methods the list to add to
     */
    public void guard(RuntimeValue<RecordedMethods> methods, String beanClass, String declaringClass,
                      String methodName, String[] parameterTypes, Annotation[] annotations, boolean[] classLevel,
                      String[] declaredOn, String fallbackDeclaringClass, String fallbackMethodName,
                      String[] fallbackParameterTypes, String breakerName, String circuitBreakerName) {
        methods.getValue().add(new RecordedMethod(beanClass, declaringClass, methodName, parameterTypes,
                annotations, classLevel, declaredOn, fallbackDeclaringClass, fallbackMethodName,
                fallbackParameterTypes, breakerName, circuitBreakerName));
    }

    /**
     * Gives the pipelines bean what it assembles from, and stops its threads when the application stops.
     *
     * @param container the application's beans
     * @param methods the guarded methods
     * @param executor Quarkus's worker pool, which runs asynchronous calls
     * @param microProfileMetrics whether the MicroProfile Metrics API is on the class path
     * @param micrometer whether Micrometer is on the class path
     * @param openTelemetry whether OpenTelemetry metrics are on the class path
     * @param mutiny whether Mutiny is on the class path, so that {@code Uni} methods are guarded
     * @param kotlin whether Kotlin is on the class path, so that {@code suspend} functions are guarded
     * @param contextPropagation whether the application has MicroProfile Context Propagation, so that asynchronous
     *                           calls carry all of their caller's contexts
     * @param shutdown runs tasks when the application stops
     */
    public void initialize(BeanContainer container, RuntimeValue<RecordedMethods> methods, ExecutorService executor,
                           boolean microProfileMetrics, boolean micrometer, boolean openTelemetry, boolean mutiny,
                           boolean kotlin, boolean contextPropagation, ShutdownContext shutdown) {
        GuardedPipelines pipelines = container.beanInstance(GuardedPipelines.class);
        pipelines.initialize(methods.getValue(), executor, new MetricBackends(microProfileMetrics, micrometer, openTelemetry), mutiny,
                kotlin, contextPropagation);
        shutdown.addShutdownTask(pipelines::close);
    }
}
