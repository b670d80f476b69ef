package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MicroProfile Config keys that may override one parameter of one annotation on one method, most specific
 * first.
 *
 * <p>The spec names {@code <class>/<method>/<Annotation>/<parameter>}, then {@code <class>/<Annotation>/<parameter>}
 * (only for an annotation placed on the class), then {@code <Annotation>/<parameter>}. Where the bean class and
 * the class that declares the method or the annotation differ, both names are accepted, the bean class first,
 * so that a user can override for one subclass or for every bean that inherits the method.
 */
final class ConfigKeys {

    private final List<String> classNames;
    private final String methodName;
    private final String annotationName;
    private final boolean classLevel;

    ConfigKeys(Class<?> beanClass, Class<?> declaringClass, String methodName,
               Class<? extends Annotation> annotation, boolean classLevel) {
        Set<String> names = new LinkedHashSet<>();
        names.add(beanClass.getName());
        names.add(declaringClass.getName());
        this.classNames = List.copyOf(names);
        this.methodName = methodName;
        this.annotationName = annotation.getSimpleName();
        this.classLevel = classLevel;
    }

    List<String> parameterKeys(String parameter) {
        return keys(parameter, classLevel);
    }

    /** The {@code enabled} switch honours the class key for method-level annotations too, as the spec's tests show. */
    List<String> enabledKeys() {
        return keys("enabled", true);
    }

    private List<String> keys(String parameter, boolean withClassKey) {
        List<String> keys = new ArrayList<>();
        for (String className : classNames) {
            keys.add(className + "/" + methodName + "/" + annotationName + "/" + parameter);
        }
        if (withClassKey) {
            for (String className : classNames) {
                keys.add(className + "/" + annotationName + "/" + parameter);
            }
        }
        keys.add(annotationName + "/" + parameter);
        return keys;
    }
}
