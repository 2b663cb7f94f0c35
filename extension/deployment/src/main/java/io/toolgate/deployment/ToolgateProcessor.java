package io.toolgate.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import io.quarkus.agroal.spi.JdbcDataSourceSchemaReadyBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.BuildTimeConditionBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.toolgate.db.DatabaseRecorder;
import io.toolgate.invoke.CallHistory;
import io.toolgate.tool.BuildTimeTools;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolBeansRecorder;

/**
 * Toolgate's build steps: the application's {@link Tool} methods are found in the Jandex index (the application and
 * every dependency that carries an index), their schemas generated and linted, their beans kept, and everything a
 * native image needs about them registered, once, when the application is built.
 */
class ToolgateProcessor {

    private static final Logger LOG = Logger.getLogger(ToolgateProcessor.class);
    private static final String FEATURE = "toolgate";
    private static final DotName TOOL = DotName.createSimple(Tool.class.getName());
    private static final DotName OBJECT = DotName.createSimple(Object.class.getName());

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ToolClassesBuildItem findToolClasses(CombinedIndexBuildItem combined,
            List<BuildTimeConditionBuildItem> conditions) {
        IndexView index = combined.getIndex();
        TreeSet<String> declaring = new TreeSet<>();
        for (AnnotationInstance annotation : index.getAnnotations(TOOL)) {
            if (annotation.target().kind() == AnnotationTarget.Kind.METHOD) {
                declaring.add(annotation.target().asMethod().declaringClass().name().toString());
            }
        }
        // A bean may inherit its tool methods: subclasses of a declaring class serve them too.
        TreeSet<String> classes = new TreeSet<>(declaring);
        for (String name : declaring) {
            for (ClassInfo sub : index.getAllKnownSubclasses(DotName.createSimple(name))) {
                classes.add(sub.name().toString());
            }
        }
        // Classes of a part left out of the build (OptionalPartsProcessor) are not beans: no tools either.
        for (BuildTimeConditionBuildItem condition : conditions) {
            if (!condition.isEnabled() && condition.getTarget().kind() == AnnotationTarget.Kind.CLASS) {
                classes.remove(condition.getTarget().asClass().name().toString());
            }
        }
        return new ToolClassesBuildItem(List.copyOf(classes));
    }

    /** After synthetic beans are ready, the registry starts building on its own thread (see the recorder). */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void buildRegistryBesideStartUp(ToolBeansRecorder recorder) {
        recorder.buildBesideStartUp();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void migrateBesideStartUp(DatabaseRecorder recorder) {
        recorder.migrateBesideStartUp();
    }

    /**
     * Ordered after quarkus-flyway's own start actions (its {@code clean-at-start}, {@code validate-at-start} and the
     * like), which the migration beside start-up waits for: they must not run while it migrates.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void flywayStarted(DatabaseRecorder recorder, List<JdbcDataSourceSchemaReadyBuildItem> flywayStartActionsDone) {
        recorder.flywayStarted();
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordToolClasses(ToolClassesBuildItem tools, ToolBeansRecorder recorder) {
        recorder.toolClasses(tools.classNames());
        recorder.loadJsonBesideStaticInit();
    }

    /**
     * Each tool method gets an invoker generated by ArC, so that a call is a plain method call on the bean: no
     * reflection and no method handle at run time. Methods a bean inherits are invoked on the bean's own class.
     */
    @BuildStep
    void generateInvokers(BeanDiscoveryFinishedBuildItem beans, InvokerFactoryBuildItem factory,
            ToolClassesBuildItem tools, CombinedIndexBuildItem combined, BuildProducer<ToolInvokerBuildItem> invokers) {
        IndexView index = combined.getIndex();
        for (BeanInfo bean : beans.beanStream().classBeans()) {
            String beanClass = bean.getBeanClass().toString();
            if (!tools.classNames().contains(beanClass)) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ClassInfo type = bean.getImplClazz(); type != null && !type.name().equals(OBJECT);
                    type = index.getClassByName(type.superName())) {
                for (MethodInfo method : type.methods()) {
                    if (!method.hasDeclaredAnnotation(TOOL) || Modifier.isStatic(method.flags())
                            || !Modifier.isPublic(method.flags())) {
                        continue;
                    }
                    String key = ToolBeansRecorder.key(beanClass, method.name(),
                            method.parameterTypes().stream().map(t -> t.name().toString()).toList());
                    if (seen.add(key)) {
                        invokers.produce(new ToolInvokerBuildItem(key, factory.createInvoker(bean, method).build()));
                    }
                }
            }
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordInvokers(List<ToolInvokerBuildItem> invokers, ToolBeansRecorder recorder, RecorderContext context) {
        for (ToolInvokerBuildItem invoker : invokers) {
            recorder.invoker(invoker.key(), context.newInstance(invoker.invoker().getClassName()));
        }
    }

    /**
     * Discovery in a native image: Lucene finds its codecs and formats through ServiceLoader (each provider is
     * instantiated reflectively), and jtokkit reads its vocabulary as a resource. Registered from Lucene's and
     * jtokkit's jars as the Quarkus native guide describes; not verified here (no GraalVM on this machine).
     */
    @BuildStep
    void discoveryInNativeImages(BuildProducer<ServiceProviderBuildItem> services,
            BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        for (String spi : List.of("org.apache.lucene.codecs.Codec", "org.apache.lucene.codecs.PostingsFormat",
                "org.apache.lucene.codecs.DocValuesFormat", "org.apache.lucene.codecs.KnnVectorsFormat",
                "org.apache.lucene.index.SortFieldProvider")) {
            services.produce(ServiceProviderBuildItem.allProvidersFromClassPath(spi));
        }
        nativeResources.produce(new NativeImageResourceBuildItem("com/knuddels/jtokkit/o200k_base.tiktoken"));
    }

    /** Tool beans are found by their methods, not by injection: nothing else keeps them. */
    @BuildStep
    UnremovableBeanBuildItem keepToolBeans(ToolClassesBuildItem tools) {
        return UnremovableBeanBuildItem.beanClassNames(tools.classNames().toArray(String[]::new));
    }

    /**
     * The schema index (replacing a generator run at start-up) and the schema lint, from the compiled classes. With
     * {@code toolgate.lint.strict=true} a finding fails the build with the lint's own words.
     */
    @BuildStep
    void schemasAndLint(ToolClassesBuildItem tools, BuildProducer<GeneratedResourceBuildItem> resources,
            BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        List<Method> methods = toolMethods(tools.classNames());
        BuildTimeTools build = new BuildTimeTools();
        try {
            resources.produce(new GeneratedResourceBuildItem(BuildTimeTools.schemaIndexResource(),
                    build.schemaIndex(methods)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nativeResources.produce(new NativeImageResourceBuildItem(BuildTimeTools.schemaIndexResource()));
        List<String> problems = build.lint(methods);
        problems.forEach(p -> LOG.warn("Schema lint: " + p));
        boolean strict = ConfigProvider.getConfig().getOptionalValue("toolgate.lint.strict", Boolean.class)
                .orElse(false);
        if (strict && !problems.isEmpty()) {
            throw new IllegalStateException("toolgate.lint.strict=true and " + problems.size()
                    + " schema lint problem(s) remain; fix them or set toolgate.lint.strict=false:\n  "
                    + String.join("\n  ", problems));
        }
        LOG.debugf("Toolgate: %d tool methods in %d classes", methods.size(), tools.classNames().size());
    }

    /**
     * A tool is called by reflection on its method and its arguments and results are (de)serialised by Jackson: in a
     * native image the class, its methods and the types of its parameters and results must be registered.
     */
    @BuildStep
    void registerForReflection(ToolClassesBuildItem tools, CombinedIndexBuildItem combined,
            BuildProducer<ReflectiveClassBuildItem> reflective) {
        reflective.produce(ReflectiveClassBuildItem.builder(tools.classNames().toArray(String[]::new))
                .methods(true).fields(true).build());
        // Written by Jackson in GET /calls, outside any tool's result.
        reflective.produce(ReflectiveClassBuildItem.builder(CallHistory.Entry.class).constructors(true).methods(true)
                .fields(true).build());
        TreeSet<String> types = new TreeSet<>();
        for (Method method : toolMethods(tools.classNames())) {
            TypeClosure.collect(method.getGenericReturnType(), types, combined.getIndex());
            Arrays.stream(method.getGenericParameterTypes()).forEach(t -> TypeClosure.collect(t, types,
                    combined.getIndex()));
        }
        if (!types.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(types.toArray(String[]::new))
                    .constructors(true).methods(true).fields(true).build());
        }
    }

    /**
     * Classes whose static state must be made when the process starts, not baked into a native image: a random
     * source (the builder refuses one in the image heap) and the per-process request id prefix (every instance of
     * one image would share it).
     */
    @BuildStep
    void initializeAtRunTime(BuildProducer<RuntimeInitializedClassBuildItem> classes) {
        classes.produce(new RuntimeInitializedClassBuildItem("io.toolgate.invoke.RequestIds"));
        classes.produce(new RuntimeInitializedClassBuildItem("io.toolgate.resource.StoredResults"));
    }

    static List<Method> toolMethods(List<String> classNames) {
        List<Method> methods = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type = load(name, "Tool class");
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            Arrays.stream(type.getDeclaredMethods()).filter(BuildTimeTools::isToolMethod)
                    .sorted(Comparator.comparing(Method::toGenericString)).forEach(methods::add);
        }
        return methods;
    }

    /** An application class, loaded but not initialised; {@code what} names it in the failure. */
    static Class<?> load(String name, String what) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(what + " " + name + " cannot be loaded at build time", e);
        }
    }
}
