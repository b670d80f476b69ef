package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The same method on a bean without any interceptor: Weld then makes no intercepted subclass, so this is the
 * client proxy alone. {@link GuardedService#baseline()} is the same method on an intercepted bean, which Weld
 * dispatches through its interception machinery even though no interceptor applies to that method.
 */
@ApplicationScoped
public class PlainService {

    public String baseline() {
        return Work.value();
    }
}
