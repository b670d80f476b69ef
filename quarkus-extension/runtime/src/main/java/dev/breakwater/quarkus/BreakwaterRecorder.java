package dev.breakwater.quarkus;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.config.ConfigProvider;

/** Hands what the build found to the running application. */
@Recorder
public class BreakwaterRecorder {

    /**
     * Gives the pipelines bean what it assembles from, and stops its threads when the application stops; warns of
     * Breakwater's settings set under their old keys.
     *
     * @param container the application's beans
     * @param methods the guarded methods
     * @param features what the build found in the application that changes how calls are guarded
     * @param executor Quarkus's worker pool, which runs asynchronous calls
     * @param shutdown runs tasks when the application stops
     */
    public void initialize(
            BeanContainer container,
            List<RecordedMethod> methods,
            ApplicationFeatures features,
            ExecutorService executor,
            ShutdownContext shutdown) {
        RenamedKeys.warnIfSet(ConfigProvider.getConfig());
        GuardedPipelines pipelines = container.beanInstance(GuardedPipelines.class);
        pipelines.initialize(new RecordedMethods(methods), executor, features);
        shutdown.addShutdownTask(pipelines::close);
    }
}
