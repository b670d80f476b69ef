package dev.breakwater.cdi;

import java.lang.annotation.Annotation;

/**
 * A fault-tolerance annotation in effect on a method, and where it was found.
 *
 * @param annotation the annotation
 * @param classLevel whether it came from the class (directly, inherited or through a stereotype) rather than the
 *                   method
 * @param declaredOn the class that carries it: the method's declaring class, or the class it was placed on
 * @param <A> the annotation type
 */
public record FoundAnnotation<A extends Annotation>(
        A annotation, boolean classLevel, Class<?> declaredOn) {}
