package dev.breakwater.cdi;

import java.lang.reflect.Method;

/** What a method's {@code @BeforeRetry} (SmallRye's API) calls before each retry, once validated. */
sealed interface BeforeRetryTarget {

    /** @param type a concrete {@code BeforeRetryHandler} class, a new instance of which handles each retry */
    record Handler(Class<?> type) implements BeforeRetryTarget {}

    /** @param method a method of the bean without parameters that returns {@code void} */
    record BeanMethod(Method method) implements BeforeRetryTarget {}
}
