package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.GuardedMethod;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

/** The build step that makes the Dev UI card: one page, backed by the JSON-RPC service, and the guarded methods. */
class DevUiCardTest {

    @Test
    void theCardListsEveryGuardedMethodWithItsAnnotations()
            throws IOException, NoSuchMethodException {
        ClassInfo gateway = Index.of(Gateway.class).getClassByName(Gateway.class);
        MethodInfo charge = gateway.firstMethod("charge");
        ScannedMethod scanned =
                new ScannedMethod(
                        gateway,
                        charge,
                        List.of(
                                new ScannedMethod.Found(
                                        charge.annotation(CircuitBreaker.class), false, gateway),
                                new ScannedMethod.Found(
                                        charge.annotation(Retry.class), false, gateway)));
        GuardedMethodsBuildItem methods =
                new GuardedMethodsBuildItem(
                        List.of(
                                new GuardedMethodsBuildItem.Validated(
                                        scanned,
                                        new GuardedMethod(
                                                Gateway.class,
                                                Gateway.class.getDeclaredMethod(
                                                        "charge", String.class),
                                                Map.of(),
                                                null,
                                                null),
                                        null,
                                        null,
                                        List.of())));

        CardPageBuildItem card = new DevUiProcessor().card(methods);

        assertThat(card.getPages())
                .singleElement()
                .satisfies(
                        builder -> {
                            Page page = builder.build();
                            assertThat(page.getTitle())
                                    .isEqualTo("Circuit breakers and rate limiters");
                            assertThat(page.getComponentLink())
                                    .isEqualTo("qwc-breakwater-breakers.js");
                            assertThat(page.getStaticLabel().strip())
                                    .as("the number of guarded methods")
                                    .isEqualTo("1");
                        });
        assertThat(card.getBuildTimeData().get(DevUiProcessor.GUARDED_METHODS).getContent())
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "method",
                                        Gateway.class.getName() + ".charge(String)",
                                        "annotations",
                                        "@CircuitBreaker(requestVolumeThreshold = 4) @Retry(maxRetries = 1)")));
    }

    static class Gateway {
        @CircuitBreaker(requestVolumeThreshold = 4)
        @Retry(maxRetries = 1)
        String charge(String order) {
            return order;
        }
    }
}
