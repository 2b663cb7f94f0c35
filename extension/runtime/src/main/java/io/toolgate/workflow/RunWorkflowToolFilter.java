package io.toolgate.workflow;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolBeanFilter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Serves {@code run_workflow} only where {@code toolgate.workflows.run-tool=true} asks for it. */
@Singleton
public class RunWorkflowToolFilter implements ToolBeanFilter {

    @Inject
    ToolgateConfig config;

    @Override
    public boolean serves(Class<?> beanClass) {
        return beanClass != RunWorkflowTool.class || config.workflows().runTool();
    }
}
