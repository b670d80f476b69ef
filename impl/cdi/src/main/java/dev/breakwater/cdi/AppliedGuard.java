package dev.breakwater.cdi;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/** The {@code Guard} or {@code TypedGuard} bean that guards one method annotated {@code @ApplyGuard}. */
abstract class AppliedGuard {

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
        Object guard = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
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

    /** @return the beans of type {@code Guard} or {@code TypedGuard} qualified {@code @Identifier(identifier)} */
    static List<Bean<?>> guardBeans(BeanManager beanManager, String identifier) {
        Set<Bean<?>> beans = beanManager.getBeans(Object.class, Identifier.Literal.of(identifier));
        return beans.stream().filter(bean -> guardType(bean) != null).toList();
    }

    /** @return the bean's type {@code Guard} or {@code TypedGuard<T>}, or {@code null} if it has neither */
    static Type guardType(Bean<?> bean) {
        for (Type type : bean.getTypes()) {
            if (type == Guard.class || type instanceof ParameterizedType parameterized
                    && parameterized.getRawType() == TypedGuard.class) {
                return type;
            }
        }
        return null;
    }

    /** @return why {@code found} guard beans of the identifier are not exactly one */
    static String problem(String identifier, int found) {
        return found == 0
                ? "no bean of type Guard or TypedGuard has @Identifier(\"" + identifier + "\"); allowed: the"
                        + " identifier of such a bean (a static producer field, as SmallRye advises)"
                : found + " beans of type Guard or TypedGuard have @Identifier(\"" + identifier + "\"); allowed:"
                        + " exactly one";
    }
}
