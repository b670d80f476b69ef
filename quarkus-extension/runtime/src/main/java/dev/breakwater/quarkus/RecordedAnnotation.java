package dev.breakwater.quarkus;

import java.lang.annotation.Annotation;

/**
 * One annotation in effect on a guarded method, as the build recorded it.
 *
 * @param annotation the annotation, a recorded annotation literal
 * @param classLevel whether it came from the class rather than the method
 * @param declaredOn the class carrying it
 */
public record RecordedAnnotation(Annotation annotation, boolean classLevel, String declaredOn) {}
