package dev.breakwater.quarkus;

import io.quarkus.arc.Arc;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Hands what the build found to the running application. */
@Recorder
public class BreakwaterRecorder {

    /**
     * Gives the pipelines bean the guarded methods, at static init: the definitions are read from the run-time
     * config, once it is set up.
     *
     * @param container the application's beans
     * @param methods the guarded methods
     * @param features what the build found in the application that changes how calls are guarded
     */
    public void recordMethods(
            BeanContainer container, List<RecordedMethod> methods, ApplicationFeatures features) {
        container
                .beanInstance(GuardedPipelines.class)
                .recordMethods(new RecordedMethods(methods), features);
    }

    /**
     * Starts reading the guarded methods' definitions from the run-time config, off the main thread, as soon as that
     * config is set up; warns of Breakwater's settings set under their old keys.
     */
    public void beginReading() {
        Arc.container().instance(GuardedPipelines.class).get().beginReading();
    }

    /**
     * Gives the pipelines bean the worker pool that runs asynchronous calls, and stops its threads when the
     * application stops.
     *
     * @param container the application's beans
     * @param executor Quarkus's worker pool
     * @param shutdown runs tasks when the application stops
     */
    public void initialize(
            BeanContainer container, ExecutorService executor, ShutdownContext shutdown) {
        GuardedPipelines pipelines = container.beanInstance(GuardedPipelines.class);
        pipelines.initialize(executor);
        shutdown.addShutdownTask(pipelines::close);
    }
}
