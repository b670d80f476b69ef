package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The rules of SmallRye's {@code @ApplyGuard} and its deprecated {@code @ApplyFaultTolerance}, checked once per
 * deployment: {@code @ApplyFaultTolerance} is not supported; {@code @ApplyGuard} goes with {@code @Fallback} and
 * {@code @Asynchronous} only (SmallRye silently ignores any other fault tolerance annotation next to it); its
 * identifier names exactly one {@code Guard} or {@code TypedGuard} bean, a {@code TypedGuard} of the method's return
 * type. Reached only when SmallRye's API is present.
 */
public final class AppliedGuards {

    private static final List<Class<? extends Annotation>> ALLOWED_BESIDE =
            List.of(Fallback.class, Asynchronous.class);

    private AppliedGuards() {}

    /**
     * @param beanClass a bean class (on Quarkus: loaded at build time, not initialised)
     * @return the business methods that {@code @ApplyGuard} guards (its own or its class's), with the identifier
     */
    public static Map<Method, String> appliedMethods(Class<?> beanClass) {
        Map<Method, String> applied = new LinkedHashMap<>();
        for (Class<?> type = beanClass;
                type != null && type != Object.class;
                type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (method.isSynthetic()
                        || method.isBridge()
                        || Modifier.isPrivate(modifiers)
                        || Modifier.isStatic(modifiers)) {
                    continue;
                }
                ApplyGuard guard = method.getAnnotation(ApplyGuard.class);
                if (guard == null) {
                    guard = type.getAnnotation(ApplyGuard.class);
                }
                if (guard != null) {
                    applied.putIfAbsent(method, guard.value());
                }
            }
        }
        return applied;
    }

    /**
     * @param beanClass a bean class (on Quarkus: loaded at build time, not initialised)
     * @return an error for each {@code @ApplyFaultTolerance} and for each fault tolerance annotation that
     *         {@code @ApplyGuard} leaves no place for, on the class and its methods
     */
    public static List<String> errors(Class<?> beanClass) {
        List<String> errors = new ArrayList<>();
        deprecated(
                beanClass.getAnnotation(ApplyFaultTolerance.class),
                beanClass.getName() + " (the class)",
                errors);
        for (Class<?> type = beanClass;
                type != null && type != Object.class;
                type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && !method.isBridge()) {
                    deprecated(
                            method.getAnnotation(ApplyFaultTolerance.class),
                            GuardedMethod.describe(beanClass, method),
                            errors);
                }
            }
        }
        appliedMethods(beanClass)
                .forEach(
                        (method, identifier) -> {
                            for (Class<? extends Annotation> annotation :
                                    FaultToleranceAnnotations.ALL) {
                                if (!ALLOWED_BESIDE.contains(annotation)
                                        && (method.isAnnotationPresent(annotation)
                                                || method.getDeclaringClass()
                                                        .isAnnotationPresent(annotation))) {
                                    errors.add(
                                            "@ApplyGuard(\""
                                                    + identifier
                                                    + "\") and @"
                                                    + annotation.getSimpleName()
                                                    + " on "
                                                    + GuardedMethod.describe(beanClass, method)
                                                    + ": SmallRye ignores @"
                                                    + annotation.getSimpleName()
                                                    + " where @ApplyGuard applies; allowed: beside @ApplyGuard only @Fallback and"
                                                    + " @Asynchronous (configure the strategy in the guard)");
                                }
                            }
                        });
        return errors;
    }

    /**
     * @param beanManager the deployment's beans
     * @param beanClass a bean class
     * @param method a method {@link #appliedMethods} found
     * @param identifier its guard's identifier
     * @return why the identifier does not name exactly one guard fit for the method, or {@code null} if it does
     */
    static String guardProblem(
            BeanManager beanManager, Class<?> beanClass, Method method, String identifier) {
        List<Bean<?>> guards = AppliedGuard.guardBeans(beanManager, identifier);
        if (guards.size() != 1) {
            return identifierProblem(beanClass, method, identifier, guards.size());
        }
        Type type = AppliedGuard.guardType(guards.get(0));
        if (type instanceof ParameterizedType typed && typed.getRawType() == TypedGuard.class) {
            return typeProblem(
                    beanClass, method, identifier, typed.getActualTypeArguments()[0].getTypeName());
        }
        return null;
    }

    /**
     * @param beanClass the bean class
     * @param method the method
     * @param identifier its {@code @ApplyGuard}'s identifier
     * @param guarded the type the {@code TypedGuard} of the identifier guards, as {@code Type.getTypeName()} spells it
     * @return the error of a method whose return type is not that type, or {@code null} if it is
     */
    public static String typeProblem(
            Class<?> beanClass, Method method, String identifier, String guarded) {
        String returned = method.getGenericReturnType().getTypeName();
        return guarded.equals(returned)
                ? null
                : "@ApplyGuard(\""
                        + identifier
                        + "\") on "
                        + GuardedMethod.describe(beanClass, method)
                        + ": the guard is a "
                        + TypedGuard.class.getName()
                        + "<"
                        + guarded
                        + "> and the method returns "
                        + returned
                        + "; allowed: a Guard, or a TypedGuard of the method's"
                        + " return type";
    }

    /**
     * @param beanClass the bean class
     * @param method the method
     * @param identifier its {@code @ApplyGuard}'s identifier
     * @param found how many guard beans have the identifier, other than one
     * @return the error of a method whose identifier does not name exactly one guard bean
     */
    public static String identifierProblem(
            Class<?> beanClass, Method method, String identifier, int found) {
        return "@ApplyGuard(\""
                + identifier
                + "\") on "
                + GuardedMethod.describe(beanClass, method)
                + ": "
                + AppliedGuard.problem(identifier, found);
    }

    /**
     * @param errors what {@link #errors} found
     * @return one exception listing them, as other definition errors are reported
     */
    public static FaultToleranceDefinitionException toException(List<String> errors) {
        DefinitionErrors collected = new DefinitionErrors();
        errors.forEach(collected::add);
        return collected.toException();
    }

    /**
     * Makes {@code @ApplyGuard} bind {@link ApplyGuardInterceptor}, and adds that interceptor inside the fault
     * tolerance interceptor.
     *
     * @param faultTolerancePriority the priority of Breakwater's fault tolerance interceptor
     */
    static void bind(BeforeBeanDiscovery event, int faultTolerancePriority) {
        event.configureInterceptorBinding(ApplyGuard.class).add(ApplyGuardBinding.Literal.INSTANCE);
        event.addAnnotatedType(ApplyGuardInterceptor.class, ApplyGuardInterceptor.class.getName())
                .add(new PriorityLiteral(faultTolerancePriority + 1));
    }

    /**
     * Reports, as one deployment problem, every guarded method whose identifier does not name exactly one guard
     * fit for it.
     */
    static void checkGuards(
            AfterDeploymentValidation event,
            BeanManager beanManager,
            Map<Class<?>, Map<Method, String>> applied) {
        List<String> problems = new ArrayList<>();
        applied.forEach(
                (beanClass, methods) ->
                        methods.forEach(
                                (method, identifier) -> {
                                    String problem =
                                            guardProblem(
                                                    beanManager, beanClass, method, identifier);
                                    if (problem != null) {
                                        problems.add(problem);
                                    }
                                }));
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(toException(problems));
        }
    }

    /** Adds the errors of one class to a deployment's. */
    static void check(Class<?> beanClass, DefinitionErrors errors) {
        errors(beanClass).forEach(errors::add);
    }

    private static final class PriorityLiteral extends AnnotationLiteral<Priority>
            implements Priority {
        private static final long serialVersionUID = 1L;
        private final int value;

        PriorityLiteral(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    private static void deprecated(
            ApplyFaultTolerance deprecated, String site, List<String> errors) {
        if (deprecated != null) {
            errors.add(
                    "@ApplyFaultTolerance(\""
                            + deprecated.value()
                            + "\") on "
                            + site
                            + ": SmallRye's deprecated"
                            + " FaultTolerance API is not supported by Breakwater; allowed: @ApplyGuard with a Guard or"
                            + " TypedGuard bean (its replacement)");
        }
    }
}
