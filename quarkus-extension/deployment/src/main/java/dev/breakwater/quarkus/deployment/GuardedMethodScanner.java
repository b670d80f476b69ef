package dev.breakwater.quarkus.deployment;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds guarded methods in the index with the rules of the CDI extension ({@code GuardedMethodFinder}): the most
 * specific declaration of a method decides; its own annotation wins, otherwise the bean class's (declared, inherited
 * from a superclass, as all but {@code @Blocking} and {@code @NonBlocking} are {@code @Inherited}, or from a
 * stereotype). Annotations are read after annotation transformations.
 */
final class GuardedMethodScanner {

    private static final DotName OBJECT = DotName.createSimple(Object.class);
    private static final DotName STEREOTYPE = DotName.createSimple(jakarta.enterprise.inject.Stereotype.class);
    private static final int SYNTHETIC = 0x1000;
    private static final int BRIDGE = 0x0040;

    private final IndexView index;
    private final Function<AnnotationTarget, Collection<AnnotationInstance>> annotations;

    GuardedMethodScanner(IndexView index, Function<AnnotationTarget, Collection<AnnotationInstance>> annotations) {
        this.index = index;
        this.annotations = annotations;
    }

    List<ScannedMethod> scan(ClassInfo beanClass) {
        Map<DotName, ScannedMethod.Found> classLevel = classLevel(beanClass);
        List<ScannedMethod> guarded = new ArrayList<>();
        for (MethodInfo method : businessMethods(beanClass)) {
            Map<DotName, ScannedMethod.Found> found = new LinkedHashMap<>();
            for (AnnotationInstance annotation : annotations.apply(method)) {
                if (FaultToleranceNames.BY_NAME.containsKey(annotation.name())) {
                    found.put(annotation.name(), new ScannedMethod.Found(annotation, false, method.declaringClass()));
                }
            }
            classLevel.forEach(found::putIfAbsent);
            if (!FaultToleranceNames.THREAD_HINTS.containsAll(found.keySet())) {
                guarded.add(new ScannedMethod(beanClass, method, List.copyOf(found.values())));
            }
        }
        return guarded;
    }

    private Map<DotName, ScannedMethod.Found> classLevel(ClassInfo beanClass) {
        Map<DotName, ScannedMethod.Found> found = new HashMap<>();
        for (ClassInfo current = beanClass; current != null; current = superclass(current)) {
            for (AnnotationInstance annotation : annotations.apply(current)) {
                boolean inherited = !FaultToleranceNames.THREAD_HINTS.contains(annotation.name());
                if (FaultToleranceNames.BY_NAME.containsKey(annotation.name()) && (inherited || current == beanClass)) {
                    found.putIfAbsent(annotation.name(), new ScannedMethod.Found(annotation, true, current));
                }
            }
        }
        for (AnnotationInstance annotation : annotations.apply(beanClass)) {
            addFromStereotype(annotation.name(), beanClass, found, new HashSet<>());
        }
        return found;
    }

    private void addFromStereotype(DotName candidate, ClassInfo beanClass, Map<DotName, ScannedMethod.Found> found,
                                   Set<DotName> seen) {
        ClassInfo declaration = index.getClassByName(candidate);
        if (declaration == null || !seen.add(candidate) || !declaration.hasDeclaredAnnotation(STEREOTYPE)) {
            return;
        }
        for (AnnotationInstance meta : annotations.apply(declaration)) {
            if (FaultToleranceNames.BY_NAME.containsKey(meta.name())) {
                found.putIfAbsent(meta.name(), new ScannedMethod.Found(meta, true, beanClass));
            } else {
                addFromStereotype(meta.name(), beanClass, found, seen);
            }
        }
    }

    /** Neither private nor static, not synthetic, not declared by Object; of one signature, the most specific. */
    private List<MethodInfo> businessMethods(ClassInfo beanClass) {
        Map<String, MethodInfo> bySignature = new LinkedHashMap<>();
        for (ClassInfo current = beanClass; current != null; current = superclass(current)) {
            for (MethodInfo method : current.methods()) {
                int flags = method.flags();
                if (Modifier.isPrivate(flags) || Modifier.isStatic(flags) || (flags & (SYNTHETIC | BRIDGE)) != 0
                        || method.isConstructor() || method.isStaticInitializer()) {
                    continue;
                }
                bySignature.putIfAbsent(signature(method), method);
            }
        }
        return List.copyOf(bySignature.values());
    }

    private ClassInfo superclass(ClassInfo type) {
        DotName superName = type.superName();
        return superName == null || superName.equals(OBJECT) ? null : index.getClassByName(superName);
    }

    private static String signature(MethodInfo method) {
        StringBuilder signature = new StringBuilder(method.name()).append('(');
        for (int i = 0; i < method.parametersCount(); i++) {
            signature.append(method.parameterType(i).name()).append(';');
        }
        return signature.toString();
    }
}
