package io.toolgate.agent;

import java.util.HashMap;
import java.util.Map;

/** The fake model with an agent deadline of one second. */
public class ShortDeadlineProfile extends FakeModelProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>(super.getConfigOverrides());
        c.put("toolgate.agent.deadline", "1s");
        return c;
    }
}
