package io.toolgate.demo;

import io.toolgate.tool.ToolBeanFilter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Serves a {@link DemoToolset} bean's tools only while {@code toolgate.demo.*} switches them on. */
@Singleton
public class DemoToolFilter implements ToolBeanFilter {

    @Inject
    DemoConfig config;

    @Override
    public boolean serves(Class<?> beanClass) {
        DemoToolset demo = beanClass.getAnnotation(DemoToolset.class);
        return demo == null || (config.enabled() && (!demo.benchmark() || config.benchmarkTools()));
    }
}
