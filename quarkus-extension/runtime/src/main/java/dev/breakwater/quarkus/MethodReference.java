package dev.breakwater.quarkus;

import java.util.List;

/**
 * A method as the build recorded it: by name, so that the run time finds it by direct lookup.
 *
 * @param declaringClass the class declaring the method
 * @param name the method's name
 * @param parameterTypes its parameter types ({@link Class#getName()})
 */
public record MethodReference(String declaringClass, String name, List<String> parameterTypes) {
}
