package dev.breakwater.cdi;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards a method annotated {@code @ApplyGuard("id")} with the {@code Guard} or {@code TypedGuard} bean
 * {@code @Identifier("id")}. Its priority places it inside Breakwater's fault tolerance interceptor, so that a
 * {@code @Fallback} or {@code @Asynchronous} next to {@code @ApplyGuard} wraps the guard, as SmallRye applies them.
 * Each guarded method's guard is looked up on its first call through the interceptor and kept.
 */
@Interceptor
@ApplyGuardBinding
public class ApplyGuardInterceptor {

    private final Map<Method, AppliedGuard> guards = new ConcurrentHashMap<>();

    /**
     * @param context the intercepted call
     * @return what the guard returned
     * @throws Exception what the guard threw
     */
    @AroundInvoke
    public Object guard(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        AppliedGuard guard = guards.get(method);
        if (guard == null) {
            guard =
                    guards.computeIfAbsent(
                            method,
                            key -> AppliedGuard.lookUp(key, context.getTarget().getClass()));
        }
        return guard.call(context);
    }
}
