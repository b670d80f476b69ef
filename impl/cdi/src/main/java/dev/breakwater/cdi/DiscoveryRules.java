package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.lang.annotation.Inherited;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that decide which business methods of a bean are guarded and which fault-tolerance annotations are in
 * effect on each, written once over a {@link ClassModel} that each container's metamodel adapts to (reflection and
 * CDI's {@code AnnotatedType} on Weld, the Jandex index on Quarkus), so that both find the same methods:
 * <ul>
 *     <li>the business methods are those visible from the bean class that are neither private nor static nor made
 *     by the compiler (synthetic, bridge), not declared by {@link Object}; of several declarations with one
 *     signature, the most specific;</li>
 *     <li>per annotation type, the method's own annotation wins (an overriding method does not inherit its
 *     superclass declaration's);</li>
 *     <li>otherwise the class's: declared on the bean class, or on the nearest superclass when the annotation is
 *     {@code @Inherited} (all but smallrye-common's {@code @Blocking} and {@code @NonBlocking} are), or else from a
 *     stereotype of the bean class (one inherited from a superclass when the stereotype is {@code @Inherited}),
 *     stereotypes of stereotypes included and each visited once, so a cycle ends;</li>
 *     <li>a method is guarded when some annotation besides the thread hints is in effect.</li>
 * </ul>
 *
 * @param <C> how the model represents a class
 * @param <M> how it represents a method
 * @param <A> how it represents an annotation
 */
public final class DiscoveryRules<C, M, A> {

    /**
     * A container's view of classes, methods and annotations, as its interceptors will see them (after the
     * container's annotation transformations).
     *
     * @param <C> a class
     * @param <M> a method
     * @param <A> an annotation
     */
    public interface ClassModel<C, M, A> {

        /** @return the superclass, or {@code null} for a class whose superclass is {@link Object} or unknown */
        C superclass(C type);

        /** @return the methods the class declares (constructors and initialisers may be among them) */
        Collection<M> declaredMethods(C type);

        /** @return whether the method is private, static, made by the compiler, a constructor or an initialiser */
        boolean excluded(M method);

        /** @return the method's name and erased parameter types, equal for methods that override one another */
        String signature(M method);

        /** @return the class that declares the method */
        C declaringClass(M method);

        /** @return the annotations declared on the method */
        Collection<A> annotations(M method);

        /** @return the annotations declared on the class, not those it inherits */
        Collection<A> classAnnotations(C type);

        /** @return the binary name of the annotation's type */
        String typeName(A annotation);

        /** @return whether the annotation's type is {@code @Inherited} */
        boolean inherited(A annotation);

        /** @return the annotations a stereotype carries, or {@code null} when the annotation is no stereotype */
        Collection<A> stereotypeDefinition(A annotation);
    }

    /**
     * A fault-tolerance annotation in effect on a method and where it was found.
     *
     * @param annotation the annotation
     * @param classLevel whether it came from a class (declared, inherited or from a stereotype)
     * @param declaredOn the class that carries it: the method's declaring class, the class it was placed on, or the
     *                   bean class for one from a stereotype
     * @param <C> a class
     * @param <A> an annotation
     */
    public record Found<C, A>(A annotation, boolean classLevel, C declaredOn) {}

    /**
     * A guarded method.
     *
     * @param method the most specific declaration visible from the bean class
     * @param annotations the annotations in effect, by type
     * @param <C> a class
     * @param <M> a method
     * @param <A> an annotation
     */
    public record Guarded<C, M, A>(
            M method, Map<Class<? extends Annotation>, Found<C, A>> annotations) {}

    private final ClassModel<C, M, A> model;
    private final Map<String, Class<? extends Annotation>> byName;

    /**
     * @param model the container's view of classes
     * @param annotations the fault-tolerance annotations to look for
     */
    private DiscoveryRules(
            ClassModel<C, M, A> model, Collection<Class<? extends Annotation>> annotations) {
        this.model = model;
        Map<String, Class<? extends Annotation>> names = new HashMap<>();
        for (Class<? extends Annotation> annotation : annotations) {
            names.put(annotation.getName(), annotation);
        }
        this.byName = Map.copyOf(names);
    }

    /**
     * @param model the container's view of classes
     * @return the rules over that model, for every fault-tolerance annotation Breakwater reads
     * @param <C> a class
     * @param <M> a method
     * @param <A> an annotation
     */
    public static <C, M, A> DiscoveryRules<C, M, A> over(ClassModel<C, M, A> model) {
        return new DiscoveryRules<>(model, FaultToleranceAnnotations.ALL);
    }

    /**
     * @param beanClass a bean class
     * @return its guarded methods, with the annotations in effect on each
     */
    public List<Guarded<C, M, A>> find(C beanClass) {
        Map<Class<? extends Annotation>, Found<C, A>> classLevel = classLevel(beanClass);
        List<Guarded<C, M, A>> guarded = new ArrayList<>();
        for (M method : businessMethods(beanClass)) {
            Map<Class<? extends Annotation>, Found<C, A>> found = new LinkedHashMap<>();
            for (A annotation : model.annotations(method)) {
                Class<? extends Annotation> type = byName.get(model.typeName(annotation));
                if (type != null) {
                    found.put(type, new Found<>(annotation, false, model.declaringClass(method)));
                }
            }
            classLevel.forEach(found::putIfAbsent);
            if (FaultToleranceAnnotations.guards(found.keySet())) {
                guarded.add(new Guarded<>(method, Map.copyOf(found)));
            }
        }
        return guarded;
    }

    /**
     * @param beanClass a bean class
     * @return the methods an interceptor can apply to, the most specific declaration of each signature
     */
    public List<M> businessMethods(C beanClass) {
        Map<String, M> bySignature = new LinkedHashMap<>();
        for (C current = beanClass; current != null; current = model.superclass(current)) {
            for (M method : model.declaredMethods(current)) {
                if (!model.excluded(method)) {
                    bySignature.putIfAbsent(model.signature(method), method);
                }
            }
        }
        return List.copyOf(bySignature.values());
    }

    private Map<Class<? extends Annotation>, Found<C, A>> classLevel(C beanClass) {
        Map<Class<? extends Annotation>, Found<C, A>> found = new HashMap<>();
        for (C current = beanClass; current != null; current = model.superclass(current)) {
            for (A annotation : model.classAnnotations(current)) {
                Class<? extends Annotation> type = byName.get(model.typeName(annotation));
                if (type != null
                        && (current == beanClass || type.isAnnotationPresent(Inherited.class))) {
                    found.putIfAbsent(type, new Found<>(annotation, true, current));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (C current = beanClass; current != null; current = model.superclass(current)) {
            for (A annotation : model.classAnnotations(current)) {
                if (current == beanClass || model.inherited(annotation)) {
                    addFromStereotype(annotation, beanClass, found, seen);
                }
            }
        }
        return found;
    }

    private void addFromStereotype(
            A candidate,
            C beanClass,
            Map<Class<? extends Annotation>, Found<C, A>> found,
            Set<String> seen) {
        if (!seen.add(model.typeName(candidate))) {
            return;
        }
        Collection<A> definition = model.stereotypeDefinition(candidate);
        if (definition == null) {
            return;
        }
        for (A meta : definition) {
            Class<? extends Annotation> type = byName.get(model.typeName(meta));
            if (type != null) {
                found.putIfAbsent(type, new Found<>(meta, true, beanClass));
            } else {
                addFromStereotype(meta, beanClass, found, seen);
            }
        }
    }
}
