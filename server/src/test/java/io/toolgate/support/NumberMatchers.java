package io.toolgate.support;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** JSON numbers compared by value: 1798, 1798.0 and 1798.00 are the same amount of money (to a tenth of a cent, as rest-assured reads floats). */
public final class NumberMatchers {

    private NumberMatchers() {
    }

    public static Matcher<Number> number(double expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Number actual) {
                return Math.abs(actual.doubleValue() - expected) < 0.001;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a number equal to ").appendValue(expected);
            }
        };
    }
}
