package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The deployment reads each config key once: every method asks for the same global keys, and the methods of a
 * class for the same class keys.
 */
class FaultToleranceConfigTest {

    private final List<String> lookups = new ArrayList<>();
    private final Config config = countingConfig(Map.of("Retry/maxRetries", "3"));

    @Test
    void aKeyAskedForAgainIsNotLookedUpAgain() {
        FaultToleranceConfig read = new FaultToleranceConfig(config, new DefinitionErrors(), true);
        lookups.clear(); // the deployment-wide switches, read when it is made

        assertThat(read.value("Retry/maxRetries")).contains("3");
        assertThat(read.value("Retry/maxRetries")).contains("3");
        assertThat(read.value("Retry/delay")).isEmpty();
        assertThat(read.value("Retry/delay")).isEmpty();

        assertThat(lookups).containsExactly("Retry/maxRetries", "Retry/delay");
    }

    @Test
    void aKeyAskedForAfterTheDeploymentWasReadIsLookedUpAgain() {
        FaultToleranceConfig read = new FaultToleranceConfig(config, new DefinitionErrors(), true);
        read.value("Retry/maxRetries");
        lookups.clear();

        read.forgetValues();

        assertThat(read.value("Retry/maxRetries")).contains("3");
        assertThat(lookups).containsExactly("Retry/maxRetries");
    }

    /** A config of the given values that records each key looked up. */
    private Config countingConfig(Map<String, String> values) {
        return (Config)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Config.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getPropertyNames" -> values.keySet();
                                    case "getOptionalValue" -> {
                                        lookups.add((String) args[0]);
                                        yield Optional.ofNullable(values.get((String) args[0]));
                                    }
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }
}
