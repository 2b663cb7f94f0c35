package io.toolgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.test.QuarkusUnitTest;
import io.toolgate.devui.ToolgateDevUiService;
import jakarta.inject.Inject;

/**
 * What the Dev UI card's pages ask the application, outside dev mode: the Dev UI registers the service only in dev
 * mode (and its test harness is not in the reachable repository), so this test registers it as a bean itself.
 */
@SuppressWarnings("unchecked")
class DevUiServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestDatabase.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class, TestDatabase.class)), "devui")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    context.produce(AdditionalBeanBuildItem.unremovableOf(ToolgateDevUiService.class));
                }
            }).produces(AdditionalBeanBuildItem.class).build());

    @Inject
    ToolgateDevUiService service;

    @Test
    void theToolsComeWithTheirSchemasAndLintFindings() {
        List<Map<String, Object>> tools = service.getTools();
        assertThat(tools).extracting(t -> t.get("name")).contains("greet_person");
        Map<String, Object> greet = tools.stream().filter(t -> t.get("name").equals("greet_person")).findFirst()
                .orElseThrow();
        assertThat((Map<Object, Object>) ((Map<?, ?>) greet.get("inputSchema")).get("properties")).containsKeys("name", "tone");
        assertThat(greet.get("lint")).isInstanceOf(List.class);
        assertThat(service.getToolCount()).isEqualTo(Integer.toString(tools.size()));
    }

    @Test
    void aCallFromTheFormGoesThroughThePipelineAndShowsInTheLastCalls() {
        Map<String, Object> ok = service.callTool("greet_person", "{\"name\":\"Dev\",\"tone\":\"CASUAL\"}")
                .await().atMost(Duration.ofSeconds(10));
        assertThat(ok).containsEntry("success", true);
        assertThat((Map<Object, Object>) ok.get("result")).containsEntry("text", "Hi, Dev");

        Map<String, Object> refused = service.callTool("greet_person", "{\"name\":\"Dev\",\"tone\":\"LOUD\"}")
                .await().atMost(Duration.ofSeconds(10));
        assertThat(refused).containsEntry("success", false);
        assertThat((Map<Object, Object>) refused.get("error")).containsEntry("code", "VALIDATION_ERROR");

        assertThat(service.getLastCalls()).first().satisfies(call -> {
            assertThat(call).containsEntry("door", "dev_ui").containsEntry("principal", "dev-ui")
                    .containsEntry("tool", "greet_person").containsEntry("success", false);
        });
    }
}
