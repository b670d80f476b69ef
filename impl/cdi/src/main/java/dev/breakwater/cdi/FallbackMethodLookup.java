package dev.breakwater.cdi;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where the method named by {@code @Fallback(fallbackMethod = ...)} comes from. On a CDI container it is searched
 * by reflection ({@link #SEARCH}); an integration that resolved it at build time hands back what it recorded, so
 * that start-up does no search.
 */
@FunctionalInterface
public interface FallbackMethodLookup {

    /** Searches the spec's way: the declaring class, its superclasses and their interfaces, generics resolved. */
    FallbackMethodLookup SEARCH = FallbackMethodResolver::find;

    /**
     * @param beanClass the bean class, which resolves type variables
     * @param guarded the guarded method
     * @param name the fallback method's name, as configured
     * @return the fallback method, or empty when no method can serve
     */
    Optional<Method> find(Class<?> beanClass, Method guarded, String name);
}
