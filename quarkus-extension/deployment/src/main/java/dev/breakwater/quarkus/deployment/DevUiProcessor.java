package dev.breakwater.quarkus.deployment;

import dev.breakwater.quarkus.devui.BreakerDevUiService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Dev UI card (dev mode only): the guarded methods, known at build time, and the live breakers and rate limiters.
 */
class DevUiProcessor {

    /** The build-time data key under which the page finds the guarded methods. */
    static final String GUARDED_METHODS = "guardedMethods";

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(GuardedMethodsBuildItem methods) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData(GUARDED_METHODS, guardedMethods(methods));
        card.addPage(
                Page.webComponentPageBuilder()
                        .title("Circuit breakers and rate limiters")
                        .icon("font-awesome-solid:shield-halved")
                        .componentLink("qwc-breakwater-breakers.js")
                        .staticLabel(String.valueOf(methods.methods().size())));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(BreakerDevUiService.class);
    }

    /** Each guarded method ({@code com.acme.Gateway.charge(Order)}) with its annotations, as written in Java. */
    private static List<Map<String, String>> guardedMethods(GuardedMethodsBuildItem methods) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (GuardedMethodsBuildItem.Validated method : methods.methods()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("method", method.guarded().describe());
            row.put(
                    "annotations",
                    method.scanned().annotations().stream()
                            .map(found -> found.instance().toString(true))
                            .collect(Collectors.joining(" ")));
            rows.add(row);
        }
        return rows;
    }
}
