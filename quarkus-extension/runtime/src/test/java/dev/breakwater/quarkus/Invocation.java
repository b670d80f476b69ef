package dev.breakwater.quarkus;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** An intercepted call of one method of a test, which proceeds by calling the test's body with the parameters. */
final class Invocation implements InvocationContext {

    private final Method method;
    private final Callee<Object[]> body;
    private final Map<String, Object> data = new HashMap<>();
    private Object[] parameters;

    /**
     * @param declaring the class declaring the method
     * @param name the method's name, unique in its class
     * @param body what proceeding runs, with the parameters as they are when it proceeds
     * @param parameters the call's parameters
     */
    Invocation(Class<?> declaring, String name, Callee<Object[]> body, Object... parameters) {
        this.method = find(declaring, name);
        this.body = body;
        this.parameters = parameters;
    }

    private static Method find(Class<?> declaring, String name) {
        for (Method candidate : declaring.getDeclaredMethods()) {
            if (candidate.getName().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(declaring + " has no method " + name);
    }

    @Override
    public Object getTarget() {
        return null;
    }

    @Override
    public Object getTimer() {
        return null;
    }

    @Override
    public Method getMethod() {
        return method;
    }

    @Override
    public Constructor<?> getConstructor() {
        return null;
    }

    @Override
    public Object[] getParameters() {
        return parameters;
    }

    @Override
    public void setParameters(Object[] parameters) {
        this.parameters = parameters;
    }

    @Override
    public Map<String, Object> getContextData() {
        return data;
    }

    @Override
    public Object proceed() throws Exception {
        return body.call(parameters);
    }

    @Override
    public Set<Annotation> getInterceptorBindings() {
        return Set.of();
    }
}
