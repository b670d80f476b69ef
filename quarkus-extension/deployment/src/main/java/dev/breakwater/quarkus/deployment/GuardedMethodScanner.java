package dev.breakwater.quarkus.deployment;

import dev.breakwater.cdi.DiscoveryRules;
import java.lang.annotation.Inherited;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Finds guarded methods in the index with the {@link DiscoveryRules} the CDI extension applies by reflection.
 * Annotations are read after annotation transformations.
 */
final class GuardedMethodScanner {

    private static final DotName OBJECT = DotName.createSimple(Object.class);
    private static final DotName STEREOTYPE =
            DotName.createSimple(jakarta.enterprise.inject.Stereotype.class);
    private static final DotName INHERITED = DotName.createSimple(Inherited.class);
    private static final int SYNTHETIC = 0x1000;
    private static final int BRIDGE = 0x0040;

    private final DiscoveryRules<ClassInfo, MethodInfo, AnnotationInstance> rules;

    GuardedMethodScanner(
            IndexView index,
            Function<AnnotationTarget, Collection<AnnotationInstance>> annotations) {
        this.rules = DiscoveryRules.over(new Jandex(index, annotations));
    }

    List<ScannedMethod> scan(ClassInfo beanClass) {
        List<ScannedMethod> guarded = new ArrayList<>();
        for (DiscoveryRules.Guarded<ClassInfo, MethodInfo, AnnotationInstance> found :
                rules.find(beanClass)) {
            List<ScannedMethod.Found> annotations = new ArrayList<>();
            for (DiscoveryRules.Found<ClassInfo, AnnotationInstance> where :
                    found.annotations().values()) {
                annotations.add(
                        new ScannedMethod.Found(
                                where.annotation(), where.classLevel(), where.declaredOn()));
            }
            guarded.add(new ScannedMethod(beanClass, found.method(), List.copyOf(annotations)));
        }
        return guarded;
    }

    /** Classes as the index shows them, their annotations as transformed. */
    private record Jandex(
            IndexView index, Function<AnnotationTarget, Collection<AnnotationInstance>> annotations)
            implements DiscoveryRules.ClassModel<ClassInfo, MethodInfo, AnnotationInstance> {

        @Override
        public ClassInfo superclass(ClassInfo type) {
            DotName superName = type.superName();
            return superName == null || superName.equals(OBJECT)
                    ? null
                    : index.getClassByName(superName);
        }

        @Override
        public Collection<MethodInfo> declaredMethods(ClassInfo type) {
            return type.methods();
        }

        @Override
        public boolean excluded(MethodInfo method) {
            int flags = method.flags();
            return Modifier.isPrivate(flags)
                    || Modifier.isStatic(flags)
                    || (flags & (SYNTHETIC | BRIDGE)) != 0
                    || method.isConstructor()
                    || method.isStaticInitializer();
        }

        @Override
        public String signature(MethodInfo method) {
            StringBuilder signature = new StringBuilder(method.name()).append('(');
            for (int i = 0; i < method.parametersCount(); i++) {
                signature.append(method.parameterType(i).name()).append(';');
            }
            return signature.toString();
        }

        @Override
        public ClassInfo declaringClass(MethodInfo method) {
            return method.declaringClass();
        }

        @Override
        public Collection<AnnotationInstance> annotations(MethodInfo method) {
            return annotations.apply(method);
        }

        @Override
        public Collection<AnnotationInstance> classAnnotations(ClassInfo type) {
            return annotations.apply(type);
        }

        @Override
        public String typeName(AnnotationInstance annotation) {
            return annotation.name().toString();
        }

        @Override
        public boolean inherited(AnnotationInstance annotation) {
            ClassInfo declaration = index.getClassByName(annotation.name());
            return declaration != null && declaration.hasDeclaredAnnotation(INHERITED);
        }

        @Override
        public Collection<AnnotationInstance> stereotypeDefinition(AnnotationInstance annotation) {
            ClassInfo declaration = index.getClassByName(annotation.name());
            return declaration == null || !declaration.hasDeclaredAnnotation(STEREOTYPE)
                    ? null
                    : annotations.apply(declaration);
        }
    }
}
