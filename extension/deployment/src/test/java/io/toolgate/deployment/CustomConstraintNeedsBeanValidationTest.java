package io.toolgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import io.toolgate.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A constraint JSON Schema cannot express, in an application without Bean Validation, would go unchecked: the build
 * fails naming the tool, the parameter and the constraint.
 */
class CustomConstraintNeedsBeanValidationTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.PARAMETER, ElementType.FIELD })
    @Constraint(validatedBy = Even.Validator.class)
    public @interface Even {
        String message() default "must be even";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Even, Integer> {
            @Override
            public boolean isValid(Integer value, ConstraintValidatorContext context) {
                return value == null || value % 2 == 0;
            }
        }
    }

    @ApplicationScoped
    public static class PairTools {
        @Tool(name = "halve", description = "Halves an even number exactly.")
        public int halve(@Even int number) {
            return number / 2;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PairTools.class, Even.class, Even.Validator.class))
            .overrideConfigKey("toolgate.audit.file", "target/custom-constraint/audit.jsonl")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .assertException(failure -> assertThat(BuildFailures.causeOf(failure, ConfigurationException.class))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus-hibernate-validator")
                    .hasMessageContaining("PairTools.halve parameter number: @" + Even.class.getName()));

    @Test
    void theBuildFails() {
        // assertException above holds the checks: the application never starts.
    }
}
