package dev.breakwater.quarkus.deployment;

import dev.breakwater.quarkus.TypeNames;
import org.jboss.jandex.MethodInfo;

import java.lang.reflect.Method;

/** Loads at build time the classes and methods that Jandex describes, to validate them as they will run. */
final class ClassNames {

    private ClassNames() {
    }

    static Method method(MethodInfo method, ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        Class<?>[] parameters = new Class<?>[method.parametersCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = TypeNames.load(method.parameterType(i).name().toString(), loader);
        }
        return TypeNames.load(method.declaringClass().name().toString(), loader).getDeclaredMethod(method.name(), parameters);
    }
}
