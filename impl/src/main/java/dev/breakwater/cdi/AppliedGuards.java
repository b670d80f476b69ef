package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SmallRye's {@code @ApplyGuard} and its deprecated {@code @ApplyFaultTolerance}: neither is supported yet, so each
 * use is a definition error rather than a method left unguarded. Reached only when SmallRye's API is present.
 */
public final class AppliedGuards {

    private AppliedGuards() {
    }

    /**
     * @param beanClass a bean class (on Quarkus: loaded at build time, not initialised)
     * @return an error for each use on the class (declared or inherited) and on the methods it declares or
     *         inherits
     */
    public static List<String> errors(Class<?> beanClass) {
        List<String> errors = new ArrayList<>();
        check(beanClass.getAnnotation(ApplyGuard.class), beanClass.getAnnotation(ApplyFaultTolerance.class),
                beanClass.getName() + " (the class)", errors);
        for (Class<?> type = beanClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && !method.isBridge()) {
                    check(method.getAnnotation(ApplyGuard.class), method.getAnnotation(ApplyFaultTolerance.class),
                            new GuardedMethod(beanClass, method, Map.of(), null).describe(), errors);
                }
            }
        }
        return errors;
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

    /** Adds the errors of one class to a deployment's. */
    static void check(Class<?> beanClass, DefinitionErrors errors) {
        errors(beanClass).forEach(errors::add);
    }

    private static void check(ApplyGuard guard, ApplyFaultTolerance deprecated, String site, List<String> errors) {
        if (guard != null) {
            errors.add("@ApplyGuard(\"" + guard.value() + "\") on " + site + ": not supported by Breakwater yet;"
                    + " allowed: call the Guard or TypedGuard bean @Identifier(\"" + guard.value()
                    + "\") in the method's body (guard.call(() -> ..., Type.class)), or fault tolerance annotations"
                    + " on the method");
        }
        if (deprecated != null) {
            errors.add("@ApplyFaultTolerance(\"" + deprecated.value() + "\") on " + site + ": SmallRye's deprecated"
                    + " FaultTolerance API is not supported by Breakwater; allowed: a Guard or TypedGuard (its"
                    + " replacement) called in the method's body, or fault tolerance annotations on the method");
        }
    }
}
