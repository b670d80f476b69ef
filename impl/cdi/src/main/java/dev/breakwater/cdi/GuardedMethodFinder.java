package dev.breakwater.cdi;

import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.lang.annotation.Inherited;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the guarded business methods of a bean by reflection, with the {@link DiscoveryRules}: the container's
 * {@link AnnotatedType}, where there is one, says which annotations the bean class and its methods carry (an extension
 * may have changed them), reflection the rest, and the {@link BeanManager} which annotations are stereotypes.
 */
final class GuardedMethodFinder {

    private final BeanManager beanManager;

    /**
     * @param beanManager knows the stereotypes, including those an extension declared; {@code null} to take the
     *                    classes that carry {@code @Stereotype}
     */
    GuardedMethodFinder(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    /**
     * @param type a bean class as the container shows it after its extensions
     * @return its guarded methods
     */
    List<GuardedMethod> find(AnnotatedType<?> type) {
        return find(type.getJavaClass(), new Reflection(type, beanManager));
    }

    /**
     * @param beanClass a class the container did not discover, whose annotations are those it declares
     * @return its guarded methods
     */
    List<GuardedMethod> find(Class<?> beanClass) {
        return find(beanClass, new Reflection(null, beanManager));
    }

    private static List<GuardedMethod> find(Class<?> beanClass, Reflection model) {
        List<GuardedMethod> guarded = new ArrayList<>();
        for (DiscoveryRules.Guarded<Class<?>, Method, Annotation> found :
                DiscoveryRules.over(model).find(beanClass)) {
            Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations =
                    new LinkedHashMap<>();
            found.annotations()
                    .forEach(
                            (annotationType, where) ->
                                    annotations.put(
                                            annotationType,
                                            new FoundAnnotation<>(
                                                    where.annotation(),
                                                    where.classLevel(),
                                                    where.declaredOn())));
            guarded.add(GuardedMethod.found(beanClass, found.method(), annotations));
        }
        return guarded;
    }

    /**
     * @param beanClass a class
     * @return the methods an interceptor can apply to, by the {@link DiscoveryRules}
     */
    static List<Method> businessMethods(Class<?> beanClass) {
        return DiscoveryRules.over(new Reflection(null, null)).businessMethods(beanClass);
    }

    /** Classes by reflection, with the bean class and its methods as the container's annotated type shows them. */
    private static final class Reflection
            implements DiscoveryRules.ClassModel<Class<?>, Method, Annotation> {

        private final AnnotatedType<?> type;
        private final BeanManager beanManager;
        private final Map<Method, AnnotatedMethod<?>> annotatedMethods = new HashMap<>();

        Reflection(AnnotatedType<?> type, BeanManager beanManager) {
            this.type = type;
            this.beanManager = beanManager;
            if (type != null) {
                for (AnnotatedMethod<?> annotated : type.getMethods()) {
                    annotatedMethods.put(annotated.getJavaMember(), annotated);
                }
            }
        }

        @Override
        public Class<?> superclass(Class<?> type) {
            Class<?> superclass = type.getSuperclass();
            return superclass == Object.class ? null : superclass;
        }

        @Override
        public Collection<Method> declaredMethods(Class<?> type) {
            return Arrays.asList(type.getDeclaredMethods());
        }

        @Override
        public boolean excluded(Method method) {
            int modifiers = method.getModifiers();
            return Modifier.isPrivate(modifiers)
                    || Modifier.isStatic(modifiers)
                    || method.isSynthetic()
                    || method.isBridge();
        }

        @Override
        public String signature(Method method) {
            StringBuilder signature = new StringBuilder(method.getName()).append('(');
            for (Class<?> parameter : method.getParameterTypes()) {
                signature.append(parameter.getName()).append(';');
            }
            return signature.toString();
        }

        @Override
        public Class<?> declaringClass(Method method) {
            return method.getDeclaringClass();
        }

        @Override
        public Collection<Annotation> annotations(Method method) {
            AnnotatedMethod<?> annotated = annotatedMethods.get(method);
            return annotated != null
                    ? annotated.getAnnotations()
                    : Arrays.asList(method.getDeclaredAnnotations());
        }

        /**
         * The annotated type's annotations for the bean class, less those it only inherits (the annotated type shows
         * a class's {@code @Inherited} annotations as its own); reflection's for a superclass.
         */
        @Override
        public Collection<Annotation> classAnnotations(Class<?> current) {
            if (type == null || current != type.getJavaClass()) {
                return Arrays.asList(current.getDeclaredAnnotations());
            }
            List<Annotation> declared = new ArrayList<>();
            for (Annotation annotation : type.getAnnotations()) {
                Class<? extends Annotation> annotationType = annotation.annotationType();
                if (current.getDeclaredAnnotation(annotationType) != null
                        || !annotation.equals(current.getAnnotation(annotationType))) {
                    declared.add(annotation);
                }
            }
            return declared;
        }

        @Override
        public String typeName(Annotation annotation) {
            return annotation.annotationType().getName();
        }

        @Override
        public boolean inherited(Annotation annotation) {
            return annotation.annotationType().isAnnotationPresent(Inherited.class);
        }

        @Override
        public Collection<Annotation> stereotypeDefinition(Annotation annotation) {
            Class<? extends Annotation> candidate = annotation.annotationType();
            if (beanManager == null) {
                return candidate.isAnnotationPresent(Stereotype.class)
                        ? Arrays.asList(candidate.getAnnotations())
                        : null;
            }
            return beanManager.isStereotype(candidate)
                    ? beanManager.getStereotypeDefinition(candidate)
                    : null;
        }
    }
}
