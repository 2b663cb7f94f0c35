package io.toolgate.demo.datatools;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;

/** The canary that keeps the SQL checks closed where reflection cannot read JSqlParser's classes. */
class SyntaxTreeWalkTest {

    @Test
    void theWalkSeesIntoQueriesWhereReflectionWorks() {
        assertThat(SyntaxTreeWalk.seesIntoQueries()).isTrue();
        assertThat(SyntaxTreeWalk.seesIntoCanary(Class::getDeclaredFields)).isTrue();
    }

    @Test
    void classesThatShowNoFieldsFailTheCanary() {
        // What a native image does for a class not registered for reflection.
        assertThat(SyntaxTreeWalk.seesIntoCanary(c -> new Field[0])).isFalse();
        // Fields hidden only below the select list still fail it: the function sits under ORDER BY.
        assertThat(SyntaxTreeWalk.seesIntoCanary(
                c -> c.getSimpleName().equals("OrderByElement") ? new Field[0] : c.getDeclaredFields())).isFalse();
    }
}
