package dev.breakwater.quarkus.deployment;

import dev.breakwater.quarkus.TypeNames;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.Type;

/**
 * Views a Jandex annotation instance, as annotation transformations left it, as a Java annotation, so that the
 * build validates exactly what will run. Values the instance does not set come from the annotation's defaults.
 * Build-time only: the running application gets recorded annotation literals instead.
 */
final class JandexAnnotations {

    private JandexAnnotations() {}

    static Annotation toAnnotation(
            AnnotationInstance instance, Class<? extends Annotation> type, ClassLoader loader) {
        InvocationHandler handler =
                (proxy, method, arguments) ->
                        switch (method.getName()) {
                            case "annotationType" -> type;
                            case "toString" -> instance.toString();
                            case "hashCode" -> instance.hashCode();
                            case "equals" -> proxy == arguments[0];
                            default -> value(instance, method, loader);
                        };
        return type.cast(Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler));
    }

    private static Object value(AnnotationInstance instance, Method member, ClassLoader loader)
            throws ClassNotFoundException {
        AnnotationValue value = instance.value(member.getName());
        return value == null
                ? member.getDefaultValue()
                : convert(value, member.getReturnType(), loader);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(AnnotationValue value, Class<?> wanted, ClassLoader loader)
            throws ClassNotFoundException {
        if (wanted.isArray()) {
            Class<?> component = wanted.getComponentType();
            AnnotationValue[] elements =
                    value.kind() == AnnotationValue.Kind.ARRAY
                            ? value.asArrayList().toArray(AnnotationValue[]::new)
                            : new AnnotationValue[] {value};
            Object array = Array.newInstance(component, elements.length);
            for (int i = 0; i < elements.length; i++) {
                Array.set(array, i, convert(elements[i], component, loader));
            }
            return array;
        }
        if (wanted == Class.class) {
            return load(value.asClass(), loader);
        }
        if (wanted.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) wanted, value.asEnum());
        }
        if (wanted == long.class) {
            return value.asLong();
        }
        if (wanted == int.class) {
            return value.asInt();
        }
        if (wanted == double.class) {
            return value.asDouble();
        }
        if (wanted == boolean.class) {
            return value.asBoolean();
        }
        if (wanted == String.class) {
            return value.asString();
        }
        throw new IllegalArgumentException(
                "Unexpected annotation member type " + wanted + " of " + value);
    }

    private static Class<?> load(Type type, ClassLoader loader) throws ClassNotFoundException {
        return TypeNames.load(type.name().toString(), loader);
    }
}
