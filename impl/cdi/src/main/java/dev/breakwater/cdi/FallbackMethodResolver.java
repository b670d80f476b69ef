package dev.breakwater.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a {@code fallbackMethod} the way the spec defines it: by name, in the class that declares the guarded
 * method, its superclasses and the interfaces of them all, with the same parameter types and a compatible
 * return type once type variables are resolved from the bean class. A generic fallback method declares the same
 * type variables, in the same order and with the same bounds, as the guarded method: the n-th stands for the n-th.
 * A private method counts only in the declaring class itself, a package-private one only in the same package.
 */
final class FallbackMethodResolver {

    private FallbackMethodResolver() {}

    static Optional<Method> find(Class<?> beanClass, Method guarded, String name) {
        List<Method> found = matching(beanClass, guarded, name, false);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Finds the fallback methods of SmallRye's non-compatible mode that take the guarded method's parameters and
     * then one more, of an exception type, which receives the failure. Of several declarations with one exception
     * type, the first in search order wins, as an override would.
     *
     * @return the methods, one per exception type, in search order
     */
    static List<Method> findWithExceptionParameter(
            Class<?> beanClass, Method guarded, String name) {
        Map<Class<?>, Method> byException = new LinkedHashMap<>();
        for (Method method : matching(beanClass, guarded, name, true)) {
            byException.putIfAbsent(
                    method.getParameterTypes()[method.getParameterCount() - 1], method);
        }
        return List.copyOf(byException.values());
    }

    private static List<Method> matching(
            Class<?> beanClass, Method guarded, String name, boolean exceptionParameter) {
        TypeResolver types = new TypeResolver(beanClass);
        Class<?> origin = guarded.getDeclaringClass();
        Type[] wanted = resolveAll(types, guarded.getGenericParameterTypes());
        Type wantedReturn = types.resolve(guarded.getGenericReturnType());
        List<Method> found = new ArrayList<>();
        for (Class<?> candidateClass : searchOrder(origin)) {
            for (Method candidate : candidateClass.getDeclaredMethods()) {
                if (!candidate.getName().equals(name)
                        || candidate.isBridge()
                        || !visible(candidate, origin)) {
                    continue;
                }
                TypeResolver candidateTypes = sameTypeParameters(types, candidate, guarded);
                if (candidateTypes != null
                        && sameParameters(candidateTypes, candidate, wanted, exceptionParameter)
                        && compatibleReturn(
                                candidateTypes.resolve(candidate.getGenericReturnType()),
                                wantedReturn)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    /**
     * @return a resolver that reads the candidate's type variables as the guarded method's, or {@code null} when the
     *         two do not declare as many type variables with the same bounds
     */
    private static TypeResolver sameTypeParameters(
            TypeResolver types, Method candidate, Method guarded) {
        TypeVariable<Method>[] own = candidate.getTypeParameters();
        TypeVariable<Method>[] wanted = guarded.getTypeParameters();
        if (own.length != wanted.length) {
            return null;
        }
        if (own.length == 0) {
            return types;
        }
        TypeResolver candidateTypes = types.substituting(own, wanted);
        for (int i = 0; i < own.length; i++) {
            Type[] ownBounds = resolveAll(candidateTypes, own[i].getBounds());
            Type[] wantedBounds = resolveAll(types, wanted[i].getBounds());
            if (ownBounds.length != wantedBounds.length) {
                return null;
            }
            for (int j = 0; j < ownBounds.length; j++) {
                if (!TypeResolver.same(ownBounds[j], wantedBounds[j])) {
                    return null;
                }
            }
        }
        return candidateTypes;
    }

    /** @return every method called {@code name} that {@link #find} looks at, usable or not, for error messages */
    static List<String> candidates(Method guarded, String name) {
        List<String> found = new ArrayList<>();
        for (Class<?> candidateClass : searchOrder(guarded.getDeclaringClass())) {
            for (Method candidate : candidateClass.getDeclaredMethods()) {
                if (candidate.getName().equals(name) && !candidate.isBridge()) {
                    found.add(candidate.toGenericString());
                }
            }
        }
        return found;
    }

    /**
     * @return where a method named by an annotation of a method declared in {@code origin} is looked for, in
     *         order: {@code origin}, its superclasses, then their interfaces (also for before-retry methods)
     */
    static Set<Class<?>> searchOrder(Class<?> origin) {
        Set<Class<?>> order = new LinkedHashSet<>();
        for (Class<?> current = origin; current != null; current = current.getSuperclass()) {
            order.add(current);
        }
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> type : Set.copyOf(order)) {
            interfaces.addAll(List.of(type.getInterfaces()));
        }
        while (!interfaces.isEmpty()) {
            Class<?> type = interfaces.removeFirst();
            if (order.add(type)) {
                interfaces.addAll(List.of(type.getInterfaces()));
            }
        }
        return order;
    }

    /**
     * @return whether a method found from {@code origin} may serve: a private one only in it, a package-private one
     *         only in its package
     */
    static boolean visible(Method candidate, Class<?> origin) {
        Class<?> owner = candidate.getDeclaringClass();
        if (owner == origin) {
            return true;
        }
        int modifiers = candidate.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            return false;
        }
        if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
            return true;
        }
        return owner.getPackageName().equals(origin.getPackageName());
    }

    /**
     * @param exceptionParameter whether the candidate takes one more parameter, last, whose type is an exception
     */
    private static boolean sameParameters(
            TypeResolver types, Method candidate, Type[] wanted, boolean exceptionParameter) {
        Type[] actual = resolveAll(types, candidate.getGenericParameterTypes());
        if (actual.length != wanted.length + (exceptionParameter ? 1 : 0)) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (!TypeResolver.same(actual[i], wanted[i])) {
                return false;
            }
        }
        return !exceptionParameter
                || actual[wanted.length] instanceof Class<?> last
                        && Throwable.class.isAssignableFrom(last);
    }

    static boolean compatibleReturn(Type actual, Type wanted) {
        if (TypeResolver.same(actual, wanted)) {
            return true;
        }
        Class<?> actualClass = box(TypeResolver.erase(actual));
        Class<?> wantedClass = box(TypeResolver.erase(wanted));
        return actual instanceof Class<?>
                && wanted instanceof Class<?>
                && wantedClass.isAssignableFrom(actualClass);
    }

    private static Type[] resolveAll(TypeResolver types, Type[] raw) {
        Type[] resolved = new Type[raw.length];
        for (int i = 0; i < raw.length; i++) {
            resolved[i] = types.resolve(raw[i]);
        }
        return resolved;
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
