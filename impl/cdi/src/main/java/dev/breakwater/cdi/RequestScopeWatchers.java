package dev.breakwater.cdi;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;

/**
 * Whether anything in a deployment can see a request context: a bean whose scope is {@code @RequestScoped}, or an
 * observer of the request context's {@code @Initialized}, {@code @BeforeDestroyed} or {@code @Destroyed} event.
 * The built-in {@code Conversation} bean, request scoped in every container, does not count: a method that uses
 * it needs the conversation context of a web request, which no asynchronous call carries to its worker thread.
 * Where nothing can, the request context the spec asks for around an asynchronous method would be created and
 * destroyed unseen, and on Weld that is most of what an asynchronous call costs above the thread hop (the
 * breakdown in docs/performance.md). Asked once, at {@code AfterDeploymentValidation}, when no bean can be added
 * any more.
 */
final class RequestScopeWatchers {

    private static final Annotation[] LIFECYCLE_EVENTS = {
        Initialized.Literal.REQUEST, BeforeDestroyed.Literal.REQUEST, Destroyed.Literal.REQUEST
    };

    private RequestScopeWatchers() {}

    /**
     * @param beanManager the deployment's, after validation
     * @return whether a bean or an observer of the deployment can see a request context
     */
    static boolean present(BeanManager beanManager) {
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getScope() == RequestScoped.class
                    && !bean.getTypes().contains(Conversation.class)) {
                return true;
            }
        }
        for (Annotation event : LIFECYCLE_EVENTS) {
            // A String payload: its observers are those of String and of Object, whatever a
            // container fires.
            if (!beanManager.resolveObserverMethods("", event).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
