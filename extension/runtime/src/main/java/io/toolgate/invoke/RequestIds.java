package io.toolgate.invoke;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids that are unique across instances without a random UUID per call: a random prefix chosen once per
 * process, then a counter. Cheap on the hot path, and ids from one instance sort by arrival.
 */
public final class RequestIds {

    private static final String PREFIX = Long.toString(new SecureRandom().nextLong() >>> 16, 36);
    private static final AtomicLong COUNTER = new AtomicLong();

    private RequestIds() {
    }

    /** This process: the prefix of every id it hands out. */
    public static String instance() {
        return PREFIX;
    }

    static String next() {
        return PREFIX + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
