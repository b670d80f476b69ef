package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * An asynchronous method gets the spec's request context whenever something in the deployment can see one, and
 * none where nothing can: then the context would be created and destroyed unseen on every call.
 */
@org.junit.jupiter.api.Timeout(60)
class RequestScopeWatchersTest {

    @Test
    void withoutRequestScopedBeansOrObserversAnAsynchronousMethodRunsWithoutARequestContext()
            throws Exception {
        try (WeldContainer container = Deployments.start(Probe.class)) {
            assertThat(
                            container
                                    .select(Probe.class)
                                    .get()
                                    .requestContextActive()
                                    .toCompletableFuture()
                                    .get())
                    .isFalse();
        }
    }

    @Test
    void aRequestScopedBeanInTheDeploymentGivesEveryAsynchronousCallARequestContext()
            throws Exception {
        try (WeldContainer container = Deployments.start(Probe.class, RequestState.class)) {
            assertThat(
                            container
                                    .select(Probe.class)
                                    .get()
                                    .requestContextActive()
                                    .toCompletableFuture()
                                    .get())
                    .isTrue();
        }
    }

    @Test
    void anObserverOfTheRequestContextsStartGivesEveryAsynchronousCallARequestContext()
            throws Exception {
        try (WeldContainer container = Deployments.start(Probe.class, RequestStarts.class)) {
            RequestStarts starts = container.select(RequestStarts.class).get();
            int before = starts.count();

            assertThat(
                            container
                                    .select(Probe.class)
                                    .get()
                                    .requestContextActive()
                                    .toCompletableFuture()
                                    .get())
                    .isTrue();
            assertThat(starts.count()).isEqualTo(before + 1);
        }
    }

    @ApplicationScoped
    public static class Probe {
        @Inject BeanManager beanManager;

        @Asynchronous
        public CompletionStage<Boolean> requestContextActive() {
            try {
                return CompletableFuture.completedFuture(
                        beanManager.getContext(RequestScoped.class).isActive());
            } catch (ContextNotActiveException e) {
                return CompletableFuture.completedFuture(false);
            }
        }
    }

    @RequestScoped
    public static class RequestState {
        public int id() {
            return 1;
        }
    }

    @ApplicationScoped
    public static class RequestStarts {
        private final AtomicInteger count = new AtomicInteger();

        void started(@Observes @Initialized(RequestScoped.class) Object event) {
            count.incrementAndGet();
        }

        public int count() {
            return count.get();
        }
    }
}
