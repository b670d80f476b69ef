package dev.breakwater.quarkus.deployment;

import java.util.List;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

/**
 * A business method of a bean with the fault-tolerance annotations in effect on it, as the index (after annotation
 * transformations) shows them.
 *
 * @param beanClass the bean class
 * @param method the most specific declaration visible from the bean class
 * @param annotations the annotations in effect
 */
record ScannedMethod(ClassInfo beanClass, MethodInfo method, List<Found> annotations) {

    /**
     * @param instance the annotation
     * @param classLevel whether it came from a class (directly, inherited, or through a stereotype)
     * @param declaredOn the class carrying it
     */
    record Found(AnnotationInstance instance, boolean classLevel, ClassInfo declaredOn) {}
}
