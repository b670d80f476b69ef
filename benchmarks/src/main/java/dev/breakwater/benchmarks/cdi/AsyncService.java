package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/** An asynchronous method that completes at once: what is measured is the hop to a worker thread and back. */
@ApplicationScoped
public class AsyncService {

    @Asynchronous
    public CompletionStage<String> completionStage() {
        return CompletableFuture.completedFuture(Work.value());
    }
}
