package dev.breakwater.quarkus.deployment;

import org.jboss.jandex.MethodInfo;

import java.lang.reflect.Method;

/** Loads at build time the classes and methods that Jandex describes, to validate them as they will run. */
final class ClassNames {

    private ClassNames() {
    }

    /**
     * @param name a Jandex erased type name: a class name, a primitive, or a JVM array name ({@code [Ljava.lang.String;})
     */
    static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "char" -> char.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            case "void" -> void.class;
            default -> Class.forName(name, false, loader);
        };
    }

    static Method method(MethodInfo method, ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        Class<?>[] parameters = new Class<?>[method.parametersCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = load(method.parameterType(i).name().toString(), loader);
        }
        return load(method.declaringClass().name().toString(), loader).getDeclaredMethod(method.name(), parameters);
    }
}
