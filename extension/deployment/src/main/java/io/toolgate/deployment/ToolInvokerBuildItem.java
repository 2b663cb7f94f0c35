package io.toolgate.deployment;

import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** The generated invoker of one tool method, with the key the run time finds it by. */
final class ToolInvokerBuildItem extends MultiBuildItem {

    private final String key;
    private final InvokerInfo invoker;

    ToolInvokerBuildItem(String key, InvokerInfo invoker) {
        this.key = key;
        this.invoker = invoker;
    }

    String key() {
        return key;
    }

    InvokerInfo invoker() {
        return invoker;
    }
}
