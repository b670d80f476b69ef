package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.DotName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Annotation transformations decide what is guarded and with which values, at build time (binding, validation)
 * and at run time (the recorded annotations): another extension can add, remove or rewrite a fault-tolerance
 * annotation.
 */
class AnnotationTransformationTest {

    private static final DotName RETRY = DotName.createSimple(Retry.class);

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Service.class))
                    .addBuildChainCustomizer(AnnotationTransformationTest::transformRetries);

    @Inject Service service;

    /** Adds {@code @Retry(maxRetries = 2)} to {@code added()} and removes the one on {@code removed()}. */
    private static void transformRetries(BuildChainBuilder chain) {
        chain.addBuildStep(
                        context ->
                                context.produce(
                                        new AnnotationsTransformerBuildItem(
                                                AnnotationTransformation.forMethods()
                                                        .when(
                                                                method ->
                                                                        method.declaration()
                                                                                .asMethod()
                                                                                .declaringClass()
                                                                                .name()
                                                                                .equals(
                                                                                        DotName
                                                                                                .createSimple(
                                                                                                        Service
                                                                                                                .class)))
                                                        .transform(
                                                                method -> {
                                                                    String name =
                                                                            method.declaration()
                                                                                    .asMethod()
                                                                                    .name();
                                                                    if (name.equals("added")) {
                                                                        method.add(
                                                                                AnnotationInstance
                                                                                        .builder(
                                                                                                RETRY)
                                                                                        .add(
                                                                                                "maxRetries",
                                                                                                2)
                                                                                        .build());
                                                                    } else if (name.equals(
                                                                            "removed")) {
                                                                        method.remove(
                                                                                annotation ->
                                                                                        annotation
                                                                                                .name()
                                                                                                .equals(
                                                                                                        RETRY));
                                                                    }
                                                                }))))
                .produces(AnnotationsTransformerBuildItem.class)
                .build();
    }

    @Test
    void anAddedAnnotationGuardsTheMethodWithItsValues() {
        assertThatThrownBy(service::added).isInstanceOf(IllegalStateException.class);
        assertThat(service.addedAttempts()).isEqualTo(3);
    }

    @Test
    void aRemovedAnnotationNoLongerGuards() {
        assertThatThrownBy(service::removed).isInstanceOf(IllegalStateException.class);
        assertThat(service.removedAttempts()).isEqualTo(1);
    }

    @Singleton
    static class Service {
        private final AtomicInteger added = new AtomicInteger();
        private final AtomicInteger removed = new AtomicInteger();

        void added() {
            added.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int addedAttempts() {
            return added.get();
        }

        @Retry(maxRetries = 5)
        void removed() {
            removed.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int removedAttempts() {
            return removed.get();
        }
    }
}
