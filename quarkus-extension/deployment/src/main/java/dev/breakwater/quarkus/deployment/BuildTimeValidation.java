package dev.breakwater.quarkus.deployment;

import dev.breakwater.cdi.AppliedGuards;
import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.cdi.FallbackMethodLookup;
import dev.breakwater.cdi.FoundAnnotation;
import dev.breakwater.cdi.GuardedMethod;
import dev.breakwater.cdi.GuardedMethodDefinitions;
import dev.breakwater.cdi.SuspendFunctions;
import dev.breakwater.core.Callee;
import dev.breakwater.quarkus.QuarkusFleetConnector;
import dev.breakwater.quarkus.TypeNames;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.Config;
import org.jboss.jandex.ClassInfo;

/**
 * Validates the scanned methods at build time with the engine's own reader, so that a definition error fails the
 * build with the message a CDI container reports. The application's classes are loaded (not initialised) for it.
 */
final class BuildTimeValidation {

    /**
     * Recognises {@code Uni} and suspend functions by name: the build only asks which methods are adapted, it never
     * calls one.
     */
    private static final CompletionStageAdapter BY_NAME =
            new CompletionStageAdapter() {
                @Override
                public boolean adapts(Method method) {
                    return method.getReturnType().getName().equals("io.smallrye.mutiny.Uni")
                            || SuspendFunctions.isSuspend(method);
                }

                @Override
                public CompletionStage<?> toCompletionStage(
                        Callee<InvocationContext> operation, InvocationContext context) {
                    throw new UnsupportedOperationException("calls are adapted at run time");
                }
            };

    private final ClassLoader loader;

    BuildTimeValidation(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param named the bean classes that use {@code @BreakerName} or {@code @CircuitBreakerName}, whose placement
     *              is checked as on Weld
     * @param guardIdentifiers the {@code @Identifier}s of the {@code Guard} and {@code TypedGuard} beans, which
     *                         config keys may name
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException listing every
     *         definition error
     */
    List<GuardedMethodsBuildItem.Validated> validate(
            List<ScannedMethod> scanned,
            List<ClassInfo> named,
            Config config,
            Set<String> guardIdentifiers) {
        List<GuardedMethod> guarded = new ArrayList<>(scanned.size());
        for (ScannedMethod method : scanned) {
            guarded.add(guardedMethod(method));
        }
        List<Class<?>> namedClasses = new ArrayList<>(named.size());
        for (ClassInfo beanClass : named) {
            namedClasses.add(load(beanClass));
        }
        GuardedMethodDefinitions definitions =
                GuardedMethodDefinitions.read(
                        config,
                        guarded,
                        namedClasses,
                        FallbackMethodLookup.SEARCH,
                        BY_NAME,
                        false,
                        guardIdentifiers,
                        QuarkusFleetConnector.atBuild(loader));
        List<GuardedMethodsBuildItem.Validated> validated = new ArrayList<>(scanned.size());
        for (int i = 0; i < scanned.size(); i++) {
            Method fallback = definitions.fallbackMethod(guarded.get(i)).orElse(null);
            validated.add(
                    new GuardedMethodsBuildItem.Validated(
                            scanned.get(i),
                            guarded.get(i),
                            fallback,
                            definitions.beforeRetryMethod(guarded.get(i)).orElse(null),
                            definitions.retryPredicateClasses(guarded.get(i))));
        }
        return validated;
    }

    /**
     * Checks {@code @ApplyGuard} and {@code @ApplyFaultTolerance} as on Weld: the deprecated one and another
     * strategy beside {@code @ApplyGuard} are errors, and each identifier must name exactly one guard bean.
     *
     * @param beanClasses the bean classes that use either (on the class, a superclass or a method)
     * @param guards for each identifier of a {@code Guard} or {@code TypedGuard} bean, one entry per such bean: the
     *               type a {@code TypedGuard} guards, or {@code null} for a {@code Guard}
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException listing every
     *         problem
     */
    void checkAppliedGuards(List<ClassInfo> beanClasses, Map<String, List<String>> guards) {
        List<String> errors = new ArrayList<>();
        for (ClassInfo beanClass : beanClasses) {
            Class<?> loaded = load(beanClass);
            errors.addAll(AppliedGuards.errors(loaded));
            AppliedGuards.appliedMethods(loaded)
                    .forEach(
                            (method, identifier) -> {
                                List<String> found = guards.getOrDefault(identifier, List.of());
                                if (found.size() != 1) {
                                    errors.add(
                                            AppliedGuards.identifierProblem(
                                                    loaded, method, identifier, found.size()));
                                } else if (found.get(0) != null) {
                                    String problem =
                                            AppliedGuards.typeProblem(
                                                    loaded, method, identifier, found.get(0));
                                    if (problem != null) {
                                        errors.add(problem);
                                    }
                                }
                            });
        }
        if (!errors.isEmpty()) {
            throw AppliedGuards.toException(errors);
        }
    }

    private Class<?> load(ClassInfo beanClass) {
        try {
            return TypeNames.load(beanClass.name().toString(), loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "Cannot load bean class " + beanClass.name() + " for validation", e);
        }
    }

    private GuardedMethod guardedMethod(ScannedMethod scanned) {
        try {
            Class<?> beanClass = TypeNames.load(scanned.beanClass().name().toString(), loader);
            Method method = ClassNames.method(scanned.method(), loader);
            Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations =
                    new LinkedHashMap<>();
            for (ScannedMethod.Found found : scanned.annotations()) {
                Class<? extends Annotation> type =
                        FaultToleranceNames.BY_NAME.get(found.instance().name());
                annotations.put(
                        type,
                        new FoundAnnotation<>(
                                JandexAnnotations.toAnnotation(found.instance(), type, loader),
                                found.classLevel(),
                                TypeNames.load(found.declaredOn().name().toString(), loader)));
            }
            return GuardedMethod.found(beanClass, method, annotations);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException(
                    "Cannot load guarded method "
                            + scanned.beanClass().name()
                            + "."
                            + scanned.method().name()
                            + " for validation",
                    e);
        }
    }
}
