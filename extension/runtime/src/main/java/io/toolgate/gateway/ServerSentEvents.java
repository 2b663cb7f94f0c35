package io.toolgate.gateway;

import java.util.ArrayList;
import java.util.List;

/** The data of each event in a complete Server-Sent Events body (the WHATWG event-stream format, data lines only). */
final class ServerSentEvents {

    private ServerSentEvents() {
    }

    static List<String> data(String body) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                    data = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(data.toString());
        }
        return events;
    }
}
