package dev.breakwater.cdi;

import java.lang.reflect.Type;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * What {@link BreakwaterGuard} and {@link BreakwaterTypedGuard} share: their pipelines, and their configuration by
 * the {@code @Identifier} of the bean that exposes them. The builder's {@code build()} does not know that identifier;
 * the container tells the guard once it is known ({@link #configure}): when the deployment is validated, for an
 * identifier that config keys name, and when {@code @ApplyGuard} first looks the guard up. If a key configures the
 * identifier, the pipelines are rebuilt from the builder's values with the keys applied, before any call through
 * the bean.
 */
abstract class IdentifiableGuard {

    private final GuardSpec spec;
    private final Type valueType;

    /** Replaced at most once, by {@link #configure}; its final fields make a racy read see a complete object. */
    private volatile GuardPipelines pipelines;

    private String identifier;

    /** @param valueType the type of a {@code TypedGuard}, or {@code null} for a {@code Guard} */
    IdentifiableGuard(GuardSpec spec, Type valueType) {
        this.spec = spec;
        this.valueType = valueType;
        this.pipelines = GuardPipelines.build(spec, valueType);
    }

    final GuardPipelines pipelines() {
        return pipelines;
    }

    /**
     * Applies the config of the identifier the guard's bean has, once; later calls with the same identifier do
     * nothing.
     *
     * @throws FaultToleranceDefinitionException listing every invalid configured value, each with its config key
     * @throws IllegalStateException if the guard was configured under another identifier (one guard exposed by two
     *         beans)
     */
    final synchronized void configure(String beanIdentifier) {
        if (beanIdentifier.equals(identifier)) {
            return;
        }
        if (identifier != null) {
            throw new IllegalStateException(
                    spec.name()
                            + " is exposed under both @Identifier(\""
                            + identifier
                            + "\") and @Identifier(\""
                            + beanIdentifier
                            + "\"); allowed: one identifier per guard instance,"
                            + " since its config is read by that identifier");
        }
        GuardSpec configured =
                GuardIdentifierConfig.configure(ConfigProvider.getConfig(), beanIdentifier, spec);
        if (configured != null) {
            pipelines = GuardPipelines.build(configured, valueType, pipelines);
        }
        identifier = beanIdentifier;
    }

    /**
     * @param guard a bean instance of type {@code Guard} or {@code TypedGuard}
     * @param beanIdentifier its bean's {@code @Identifier}
     * @return whether the guard is Breakwater's (a client proxy or another implementation is not configured)
     */
    static boolean configure(Object guard, String beanIdentifier) {
        if (guard instanceof IdentifiableGuard identifiable) {
            identifiable.configure(beanIdentifier);
            return true;
        }
        return false;
    }
}
