package dev.breakwater.cdi;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** The {@code Guard} or {@code TypedGuard} bean that guards one method annotated {@code @ApplyGuard}. */
abstract class AppliedGuard {

    /** The spec's global keys of the strategies a guard's config may set ({@code Retry/maxRetries}). */
    private static final List<String> GLOBAL_SPEC_KEYS =
            GuardIdentifierConfig.STRATEGIES.stream()
                    .map(strategy -> strategy.getSimpleName() + "/")
                    .toList();

    /**
     * @param method the guarded method
     * @param targetClass the class of the instance called (which inherits a class-level {@code @ApplyGuard})
     * @return the guard named by the method's {@code @ApplyGuard}, or else by its class's
     * @throws IllegalStateException if no bean or more than one is a guard of that identifier (found at deployment
     *         already, so only a bean removed since can make it happen)
     */
    static AppliedGuard lookUp(Method method, Class<?> targetClass) {
        String identifier = identifier(method, targetClass);
        BeanManager beanManager = CDI.current().getBeanManager();
        List<Bean<?>> guards = guardBeans(beanManager, identifier);
        if (guards.size() != 1) {
            throw new IllegalStateException(problem(identifier, guards.size()));
        }
        Bean<?> bean = guards.get(0);
        Type type = guardType(bean);
        Object guard =
                beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
        IdentifiableGuard.configure(guard, identifier);
        if (guard instanceof Guard untyped) {
            Class<?> returnType = method.getReturnType();
            return new AppliedGuard() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object call(InvocationContext context) throws Exception {
                    return untyped.call(context::proceed, (Class) returnType);
                }
            };
        }
        TypedGuard<Object> typed = (TypedGuard<Object>) guard;
        return new AppliedGuard() {
            @Override
            Object call(InvocationContext context) throws Exception {
                return typed.call(context::proceed);
            }
        };
    }

    abstract Object call(InvocationContext context) throws Exception;

    /** @return the identifier of the {@code @ApplyGuard} in effect: the method's, else its class's */
    static String identifier(Method method, Class<?> beanClass) {
        ApplyGuard applied = method.getAnnotation(ApplyGuard.class);
        if (applied == null) {
            applied = beanClass.getAnnotation(ApplyGuard.class);
        }
        if (applied == null) {
            applied = method.getDeclaringClass().getAnnotation(ApplyGuard.class);
        }
        return applied.value();
    }

    /** @return the {@code @Identifier} of a bean of type {@code Guard} or {@code TypedGuard}, or {@code null} */
    static String guardIdentifier(Bean<?> bean) {
        if (guardType(bean) == null) {
            return null;
        }
        for (Annotation qualifier : bean.getQualifiers()) {
            if (qualifier instanceof Identifier identifier) {
                return identifier.value();
            }
        }
        return null;
    }

    /**
     * Applies the config of each guard identifier that config keys name to its bean's guard, so that an invalid
     * value fails the start and not the first call. Only identifiers that keys name are looked up: creating the
     * bean runs the application's producer.
     *
     * @param identifiers the identifiers of the deployment's guard beans
     * @param keys the config keys set, any grammar
     * @return the errors, one per guard whose config is invalid
     */
    static List<String> configureNamed(
            BeanManager beanManager, Collection<String> identifiers, Collection<String> keys) {
        List<String> problems = new ArrayList<>();
        for (String identifier : identifiers) {
            String quoted = "\"" + identifier + "\".";
            boolean named =
                    keys.stream()
                            .anyMatch(
                                    key ->
                                            key.contains(quoted)
                                                    || key.startsWith(identifier + "/")
                                                    || key.contains(".global.")
                                                    || GLOBAL_SPEC_KEYS.stream()
                                                            .anyMatch(key::startsWith));
            List<Bean<?>> beans = guardBeans(beanManager, identifier);
            if (!named || beans.size() != 1) {
                continue;
            }
            Bean<?> bean = beans.get(0);
            Object guard =
                    beanManager.getReference(
                            bean, guardType(bean), beanManager.createCreationalContext(bean));
            try {
                IdentifiableGuard.configure(guard, identifier);
            } catch (FaultToleranceDefinitionException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** @return the beans of type {@code Guard} or {@code TypedGuard} qualified {@code @Identifier(identifier)} */
    static List<Bean<?>> guardBeans(BeanManager beanManager, String identifier) {
        Set<Bean<?>> beans = beanManager.getBeans(Object.class, Identifier.Literal.of(identifier));
        return beans.stream().filter(bean -> guardType(bean) != null).toList();
    }

    /** @return the bean's type {@code Guard} or {@code TypedGuard<T>}, or {@code null} if it has neither */
    static Type guardType(Bean<?> bean) {
        for (Type type : bean.getTypes()) {
            if (type == Guard.class
                    || type instanceof ParameterizedType parameterized
                            && parameterized.getRawType() == TypedGuard.class) {
                return type;
            }
        }
        return null;
    }

    /** @return why {@code found} guard beans of the identifier are not exactly one */
    static String problem(String identifier, int found) {
        return found == 0
                ? "no bean of type Guard or TypedGuard has @Identifier(\""
                        + identifier
                        + "\"); allowed: the"
                        + " identifier of such a bean (a static producer field, as SmallRye advises)"
                : found
                        + " beans of type Guard or TypedGuard have @Identifier(\""
                        + identifier
                        + "\"); allowed:"
                        + " exactly one";
    }
}
