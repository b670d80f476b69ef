package dev.breakwater.cdi;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves type variables as seen from one class: {@code T} in {@code Base<T>} is {@code Long} when seen from
 * {@code class Bean extends Base<Long>}, through any depth of superclasses and interfaces. Compares the
 * resolved types structurally, since the JDK's own implementations of {@link Type} do not compare equal to
 * each other across sources.
 */
final class TypeResolver {

    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    TypeResolver(Class<?> viewpoint) {
        collect(viewpoint);
    }

    private TypeResolver(TypeResolver base) {
        bindings.putAll(base.bindings);
    }

    /**
     * A method's own type variables are its own: {@code N} of one generic method never equals {@code N} of another.
     * Two methods with the same generic signature declare theirs in the same order, so they correspond by position.
     *
     * @param from the type variables of one method
     * @param to the type variables of the method they stand for
     * @return a resolver that also reads each of {@code from} as the variable of {@code to} at its position
     */
    TypeResolver substituting(TypeVariable<?>[] from, TypeVariable<?>[] to) {
        TypeResolver substituting = new TypeResolver(this);
        for (int i = 0; i < from.length; i++) {
            substituting.bindings.put(from[i], to[i]);
        }
        return substituting;
    }

    private void collect(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.putIfAbsent(variables[i], arguments[i]);
            }
            collect(raw);
        } else if (type instanceof Class<?> raw) {
            if (raw.getGenericSuperclass() != null) {
                collect(raw.getGenericSuperclass());
            }
            for (Type superInterface : raw.getGenericInterfaces()) {
                collect(superInterface);
            }
        }
    }

    /** @return {@code type} with every type variable the viewpoint binds replaced by its binding */
    Type resolve(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound == null || bound.equals(variable) ? variable : resolve(bound);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments =
                    Arrays.stream(parameterized.getActualTypeArguments())
                            .map(this::resolve)
                            .toArray(Type[]::new);
            return new Resolved(parameterized.getRawType(), arguments);
        }
        if (type instanceof GenericArrayType array) {
            Type component = resolve(array.getGenericComponentType());
            if (component instanceof Class<?> componentClass) {
                return Array.newInstance(componentClass, 0).getClass();
            }
            return (GenericArrayType) () -> component;
        }
        if (type instanceof WildcardType wildcard) {
            Type[] upper =
                    Arrays.stream(wildcard.getUpperBounds())
                            .map(this::resolve)
                            .toArray(Type[]::new);
            Type[] lower =
                    Arrays.stream(wildcard.getLowerBounds())
                            .map(this::resolve)
                            .toArray(Type[]::new);
            return new ResolvedWildcard(upper, lower);
        }
        return type;
    }

    /** @return whether two resolved types are the same type */
    static boolean same(Type a, Type b) {
        if (a instanceof Class<?> || b instanceof Class<?>) {
            return a.equals(b);
        }
        if (a instanceof ParameterizedType pa && b instanceof ParameterizedType pb) {
            return pa.getRawType().equals(pb.getRawType())
                    && allSame(pa.getActualTypeArguments(), pb.getActualTypeArguments());
        }
        if (a instanceof GenericArrayType ga && b instanceof GenericArrayType gb) {
            return same(ga.getGenericComponentType(), gb.getGenericComponentType());
        }
        if (a instanceof WildcardType wa && b instanceof WildcardType wb) {
            return allSame(wa.getUpperBounds(), wb.getUpperBounds())
                    && allSame(wa.getLowerBounds(), wb.getLowerBounds());
        }
        return a.equals(b);
    }

    private static boolean allSame(Type[] a, Type[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return the class a resolved type erases to */
    static Class<?> erase(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(erase(array.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType wildcard) {
            return erase(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return erase(variable.getBounds()[0]);
        }
        return Object.class;
    }

    private record Resolved(Type getRawType, Type[] getActualTypeArguments)
            implements ParameterizedType {
        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType type && same(this, type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getRawType, Arrays.hashCode(getActualTypeArguments));
        }
    }

    private record ResolvedWildcard(Type[] getUpperBounds, Type[] getLowerBounds)
            implements WildcardType {
        @Override
        public boolean equals(Object other) {
            return other instanceof WildcardType type && same(this, type);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getUpperBounds) * 31 + Arrays.hashCode(getLowerBounds);
        }
    }
}
