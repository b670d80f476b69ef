package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MicroProfile Config keys that may override one member of one annotation on one method, most specific
 * first.
 *
 * <p>A member is configured at the annotation's own place and globally. An annotation on the method is
 * configured by {@code <class>/<method>} keys only, an annotation on the class by {@code <class>} keys only (the
 * spec: "if {@code @Retry} is on class {@code ClassA}, {@code ClassA/methodB/Retry/maxRetries} will be ignored";
 * SmallRye Fault Tolerance reads its own grammar the same way). At each place the grammars are read in the
 * incumbent's order: {@code quarkus.fault-tolerance."<id>".<annotation>.<member>}, then
 * {@code smallrye.faulttolerance."<id>".<annotation>.<member>}, then the spec's {@code <id>/<Annotation>/<member>};
 * globally {@code quarkus.fault-tolerance.global...}, {@code smallrye.faulttolerance.global...},
 * {@code <Annotation>/<member>}.
 *
 * <p>Where the bean class and the class that declares the method or the annotation differ, both names are
 * accepted, the bean class first, so that a user can override for one subclass or for every bean that inherits
 * the method.
 *
 * <p>The {@code enabled} switch is not bound to the annotation's place: the spec's tests switch a method-level
 * annotation off and on with a class key, and the incumbent also honours a method key for a class-level one.
 */
final class ConfigKeys {

    private final List<String> classNames;
    private final String methodName;
    private final String annotationName;
    private final String kebabAnnotation;
    private final boolean classLevel;
    private final boolean kebabKeys;

    /**
     * @param kebabKeys whether to list the kebab-case keys at all: false when the deployment sets none, which
     *                  spares building their names for every member of every method at start
     */
    ConfigKeys(
            Class<?> beanClass,
            Class<?> declaringClass,
            String methodName,
            Class<? extends Annotation> annotation,
            boolean classLevel,
            boolean kebabKeys) {
        Set<String> names = new LinkedHashSet<>();
        names.add(beanClass.getName());
        names.add(declaringClass.getName());
        this.classNames = List.copyOf(names);
        this.methodName = methodName;
        this.annotationName = annotation.getSimpleName();
        this.kebabAnnotation = ConfigNames.kebabAnnotation(annotation);
        this.classLevel = classLevel;
        this.kebabKeys = kebabKeys;
    }

    /**
     * The keys of a {@code Guard} or {@code TypedGuard} bean configured by its {@code @Identifier}, as SmallRye
     * reads them: {@code "<identifier>"} in place of {@code "<class>"}, then the global keys.
     */
    static ConfigKeys ofIdentifier(
            String identifier, Class<? extends Annotation> annotation, boolean kebabKeys) {
        return new ConfigKeys(List.of(identifier), annotation, kebabKeys);
    }

    private ConfigKeys(
            List<String> identifiers, Class<? extends Annotation> annotation, boolean kebabKeys) {
        this.classNames = identifiers;
        this.methodName = null;
        this.annotationName = annotation.getSimpleName();
        this.kebabAnnotation = ConfigNames.kebabAnnotation(annotation);
        this.classLevel = true;
        this.kebabKeys = kebabKeys;
    }

    /** @param member the annotation member's name ({@code maxRetries}) */
    List<String> parameterKeys(String member) {
        List<String> keys = new ArrayList<>();
        if (classLevel) {
            addClassKeys(keys, member);
        } else {
            addMethodKeys(keys, member);
        }
        addGlobalKeys(keys, member);
        return keys;
    }

    List<String> enabledKeys() {
        List<String> keys = new ArrayList<>();
        addMethodKeys(keys, ConfigNames.ENABLED);
        addClassKeys(keys, ConfigNames.ENABLED);
        addGlobalKeys(keys, ConfigNames.ENABLED);
        return keys;
    }

    private void addMethodKeys(List<String> keys, String member) {
        if (methodName == null) {
            return;
        }
        for (String className : classNames) {
            add(keys, className + "/" + methodName, member);
        }
    }

    private void addClassKeys(List<String> keys, String member) {
        for (String className : classNames) {
            add(keys, className, member);
        }
    }

    private void addGlobalKeys(List<String> keys, String member) {
        add(keys, null, member);
    }

    private void add(List<String> keys, String id, String member) {
        if (kebabKeys) {
            keys.addAll(
                    ConfigNames.kebabKeys(id, kebabAnnotation, ConfigNames.kebabMember(member)));
        }
        keys.add((id == null ? "" : id + "/") + annotationName + "/" + member);
    }
}
