package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import io.toolgate.tool.ToolBeansRecorder;
import io.restassured.http.ContentType;

/**
 * The build steps against an application of one tool bean: found in the index and kept though nothing injects it,
 * its schemas written at build time, it and the records and enums it reads and returns registered for reflection,
 * and served over REST.
 */
class ToolDiscoveryTest {

    // The build runs against this class as the test's class loader has it, the test methods against the
    // application's copy: what the build saw is handed over where both can see it.
    private static final String REFLECTIVE = "tests.toolgate.reflective";
    private static final String GENERATED = "tests.toolgate.generated";
    private static final String INVOKERS = "tests.toolgate.invokers";
    private static final String RUN_TIME_INIT = "tests.toolgate.run-time-init";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestDatabase.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class, TestDatabase.class)), "discovery")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    Set<String> reflective = ConcurrentHashMap.newKeySet();
                    context.consumeMulti(ReflectiveClassBuildItem.class)
                            .forEach(item -> reflective.addAll(item.getClassNames()));
                    Set<String> generated = ConcurrentHashMap.newKeySet();
                    context.consumeMulti(GeneratedResourceBuildItem.class)
                            .forEach(item -> generated.add(item.getName()));
                    Set<String> invokers = ConcurrentHashMap.newKeySet();
                    context.consumeMulti(ToolInvokerBuildItem.class).forEach(item -> invokers.add(item.key()));
                    System.setProperty(INVOKERS, String.join(";", invokers));
                    Set<String> runTimeInit = ConcurrentHashMap.newKeySet();
                    context.consumeMulti(RuntimeInitializedClassBuildItem.class)
                            .forEach(item -> runTimeInit.add(item.getClassName()));
                    System.setProperty(RUN_TIME_INIT, String.join(",", runTimeInit));
                    System.setProperty(REFLECTIVE, String.join(",", reflective));
                    System.setProperty(GENERATED, String.join(",", generated));
                    context.produce(new FeatureBuildItem("toolgate-test-capture"));
                }
            }).consumes(ReflectiveClassBuildItem.class).consumes(ToolInvokerBuildItem.class)
                    .consumes(RuntimeInitializedClassBuildItem.class).consumes(GeneratedResourceBuildItem.class)
                    .produces(FeatureBuildItem.class).build());

    @Test
    void theToolIsFoundKeptAndServed() {
        given().get("/tools").then().statusCode(200)
                .body("tools.name", contains("greet_person"))
                .body("tools[0].inputSchema.properties.tone.enum", contains("FORMAL", "CASUAL"));
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\",\"tone\":\"FORMAL\"}")
                .post("/tools/greet_person/invoke")
                .then().statusCode(200)
                .body("result.text", equalTo("Good day, Ada"))
                .body("result.lines[0].text", equalTo("Good day, Ada"));
    }

    @Test
    void eachToolMethodIsCalledThroughTheInvokerArcGeneratedForIt() throws Exception {
        assertThat(System.getProperty(INVOKERS).split(";")).contains(GreetingTools.class.getName()
                + "#greet(java.lang.String," + GreetingTools.Tone.class.getName() + ")");
        assertThat(ToolBeansRecorder.invoker(GreetingTools.class,
                GreetingTools.class.getMethod("greet", String.class, GreetingTools.Tone.class)))
                .as("the run time has the generated invoker the executor calls").isNotNull();
    }

    @Test
    void theBuildRegistersWhatANativeImageNeedsAndWritesTheSchemas() {
        List<String> reflective = List.of(System.getProperty(REFLECTIVE).split(","));
        assertThat(reflective).contains(GreetingTools.class.getName(), GreetingTools.Greeting.class.getName(),
                GreetingTools.Tone.class.getName(), GreetingTools.Line.class.getName());
        assertThat(System.getProperty(GENERATED).split(",")).contains("META-INF/toolgate/tool-schemas.json");
        // A random source in the image heap fails the native build; a request-id prefix there is shared by every
        // process of the image.
        assertThat(System.getProperty(RUN_TIME_INIT).split(",")).contains("io.toolgate.invoke.RequestIds",
                "io.toolgate.resource.StoredResults");
        assertThat(Thread.currentThread().getContextClassLoader()
                .getResource("META-INF/toolgate/tool-schemas.json")).isNotNull();
    }
}
