package io.toolgate.tool;

/**
 * Decides at start-up whether a bean's {@link Tool} methods are served. An application supplies one as a CDI bean to
 * switch groups of its tools on and off by configuration (the standalone server's demo toolset is such a group);
 * without one, every tool bean is served. Every filter present must agree.
 */
public interface ToolBeanFilter {

    boolean serves(Class<?> beanClass);
}
