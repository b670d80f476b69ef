package dev.breakwater.cdi;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the guarded business methods of a bean and the annotations in effect on each, with the rules of CDI
 * interceptor bindings: the most specific declaration of a method visible from the bean class decides; if it
 * carries an annotation, that wins; otherwise the bean class's own annotation applies (including one it
 * inherits from a superclass, or gets from a stereotype). An overriding method does not inherit its
 * superclass declaration's annotations.
 */
final class GuardedMethodFinder {

    private final BeanManager beanManager;

    GuardedMethodFinder(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    List<GuardedMethod> find(AnnotatedType<?> type) {
        Class<?> beanClass = type.getJavaClass();
        Map<Class<? extends Annotation>, FoundAnnotation<?>> classLevel = classLevelAnnotations(type);
        Map<Method, AnnotatedMethod<?>> annotatedMethods = new HashMap<>();
        for (AnnotatedMethod<?> annotated : type.getMethods()) {
            annotatedMethods.put(annotated.getJavaMember(), annotated);
        }
        List<GuardedMethod> guarded = new ArrayList<>();
        for (Method method : businessMethods(beanClass)) {
            Map<Class<? extends Annotation>, FoundAnnotation<?>> found = new LinkedHashMap<>();
            AnnotatedMethod<?> annotated = annotatedMethods.get(method);
            for (Class<? extends Annotation> annotationType : FaultToleranceAnnotations.ALL) {
                Annotation onMethod = annotated != null ? annotated.getAnnotation(annotationType)
                        : method.getAnnotation(annotationType);
                if (onMethod != null) {
                    found.put(annotationType, new FoundAnnotation<>(onMethod, false, method.getDeclaringClass()));
                } else if (classLevel.containsKey(annotationType)) {
                    found.put(annotationType, classLevel.get(annotationType));
                }
            }
            if (FaultToleranceAnnotations.guards(found.keySet())) {
                guarded.add(GuardedMethod.found(beanClass, method, found));
            }
        }
        return guarded;
    }

    private Map<Class<? extends Annotation>, FoundAnnotation<?>> classLevelAnnotations(AnnotatedType<?> type) {
        Class<?> beanClass = type.getJavaClass();
        Map<Class<? extends Annotation>, FoundAnnotation<?>> found = new HashMap<>();
        for (Class<? extends Annotation> annotationType : FaultToleranceAnnotations.ALL) {
            Annotation annotation = type.getAnnotation(annotationType);
            if (annotation == null) {
                annotation = beanClass.getAnnotation(annotationType);
            }
            if (annotation != null) {
                found.put(annotationType, new FoundAnnotation<>(annotation, true, declaringClass(beanClass, annotationType)));
            }
        }
        for (Annotation annotation : type.getAnnotations()) {
            addFromStereotype(annotation.annotationType(), beanClass, found);
        }
        return found;
    }

    private void addFromStereotype(Class<? extends Annotation> candidate, Class<?> beanClass,
                                   Map<Class<? extends Annotation>, FoundAnnotation<?>> found) {
        if (!beanManager.isStereotype(candidate)) {
            return;
        }
        Set<Annotation> definition = beanManager.getStereotypeDefinition(candidate);
        for (Annotation meta : definition) {
            Class<? extends Annotation> metaType = meta.annotationType();
            if (FaultToleranceAnnotations.ALL.contains(metaType)) {
                found.putIfAbsent(metaType, new FoundAnnotation<>(meta, true, beanClass));
            } else if (metaType != candidate) {
                addFromStereotype(metaType, beanClass, found);
            }
        }
    }

    private static Class<?> declaringClass(Class<?> beanClass, Class<? extends Annotation> annotationType) {
        for (Class<?> current = beanClass; current != null; current = current.getSuperclass()) {
            if (current.getDeclaredAnnotation(annotationType) != null) {
                return current;
            }
        }
        return beanClass;
    }

    /**
     * The methods an interceptor can apply to: neither private nor static, not synthetic, not declared by
     * {@link Object}; of several declarations with one signature, the most specific.
     */
    static List<Method> businessMethods(Class<?> beanClass) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> current = beanClass; current != null && current != Object.class;
                current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || method.isSynthetic()
                        || method.isBridge()) {
                    continue;
                }
                bySignature.putIfAbsent(signature(method), method);
            }
        }
        return List.copyOf(bySignature.values());
    }

    private static String signature(Method method) {
        StringBuilder signature = new StringBuilder(method.getName()).append('(');
        for (Class<?> parameter : method.getParameterTypes()) {
            signature.append(parameter.getName()).append(';');
        }
        return signature.toString();
    }
}
