package dev.breakwater.quarkus;

/**
 * Loads a type from the erased name Jandex gives it, at build time to validate guarded methods and at run time to
 * rebuild the recorded ones, so both sides read names the same way.
 */
public final class TypeNames {

    private TypeNames() {}

    /**
     * @param name a class name, a primitive or {@code void}, or a JVM array name ({@code [Ljava.lang.String;})
     * @param loader the loader of the application's classes
     * @return the type, not initialised
     * @throws ClassNotFoundException if the loader does not know the class
     */
    public static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
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
}
