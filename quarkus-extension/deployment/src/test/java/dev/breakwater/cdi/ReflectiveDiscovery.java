package dev.breakwater.cdi;

import java.util.List;

/** Opens the CDI extension's discovery by reflection to the conformance suite beside the Quarkus extension's. */
public final class ReflectiveDiscovery {

    private ReflectiveDiscovery() {}

    /**
     * @param beanClass a bean class
     * @return its guarded methods as the CDI extension finds them, stereotypes being the annotations that carry
     *         {@code @Stereotype} (as a container without extensions sees them)
     */
    public static List<GuardedMethod> find(Class<?> beanClass) {
        return new GuardedMethodFinder(null).find(beanClass);
    }

    /**
     * @param method a guarded method
     * @return the annotations in effect on it, by type
     */
    public static java.util.Map<
                    Class<? extends java.lang.annotation.Annotation>, FoundAnnotation<?>>
            annotations(GuardedMethod method) {
        return method.annotations();
    }
}
