package dev.breakwater.quarkus;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * A method as the build recorded it: by name, so that the run time finds it by direct lookup.
 *
 * @param declaringClass the class declaring the method
 * @param name the method's name
 * @param parameterTypes its parameter types ({@link Class#getName()})
 */
public record MethodReference(String declaringClass, String name, List<String> parameterTypes) {

    /**
     * @param method a method
     * @return the reference to it
     */
    public static MethodReference of(Method method) {
        return new MethodReference(
                method.getDeclaringClass().getName(),
                method.getName(),
                Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
    }

    /**
     * Finds the method by direct lookup, the one way Breakwater turns names into a method: at build time from what
     * the index shows, at run time from what the build recorded.
     *
     * @param loader the loader of the application's classes
     * @return the method
     * @throws ClassNotFoundException if the loader does not know the declaring class or a parameter type
     * @throws NoSuchMethodException if the class declares no such method
     */
    public Method load(ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        Class<?>[] parameters = new Class<?>[parameterTypes.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = TypeNames.load(parameterTypes.get(i), loader);
        }
        return TypeNames.load(declaringClass, loader).getDeclaredMethod(name, parameters);
    }
}
