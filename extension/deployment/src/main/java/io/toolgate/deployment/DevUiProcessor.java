package io.toolgate.deployment;

import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.toolgate.devui.ToolgateDevUiService;

/**
 * Toolgate's card in the Dev UI (dev mode only): the tools with their schemas and lint findings and a form built
 * from a tool's input schema to try a call, and the last calls. The pages ask the running application through
 * {@link ToolgateDevUiService}, so they show the tool set as it is now, declarative tools and hot reloads included.
 */
class DevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder().title("Tools").icon("font-awesome-solid:screwdriver-wrench")
                .componentLink("qwc-toolgate-tools.js").dynamicLabelJsonRPCMethodName("getToolCount"));
        card.addPage(Page.webComponentPageBuilder().title("Last calls").icon("font-awesome-solid:clock-rotate-left")
                .componentLink("qwc-toolgate-calls.js"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(ToolgateDevUiService.class);
    }
}
