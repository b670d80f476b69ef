package dev.breakwater.quarkus.deployment;

import dev.breakwater.quarkus.MethodReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jboss.jandex.MethodInfo;

/** Loads at build time the methods that Jandex describes, to validate them as they will run. */
final class ClassNames {

    private ClassNames() {}

    static Method method(MethodInfo method, ClassLoader loader)
            throws ClassNotFoundException, NoSuchMethodException {
        List<String> parameterTypes = new ArrayList<>(method.parametersCount());
        for (int i = 0; i < method.parametersCount(); i++) {
            parameterTypes.add(method.parameterType(i).name().toString());
        }
        return new MethodReference(
                        method.declaringClass().name().toString(), method.name(), parameterTypes)
                .load(loader);
    }
}
