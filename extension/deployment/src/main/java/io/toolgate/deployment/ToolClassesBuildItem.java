package io.toolgate.deployment;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/** The classes whose beans serve {@link io.toolgate.tool.Tool} methods, by name, sorted. */
final class ToolClassesBuildItem extends SimpleBuildItem {

    private final List<String> classNames;

    ToolClassesBuildItem(List<String> classNames) {
        this.classNames = classNames;
    }

    List<String> classNames() {
        return classNames;
    }
}
