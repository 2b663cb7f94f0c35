package io.toolgate.deployment;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** Tools of everyday errands, described the way API documents describe them, for the search tests. */
@ApplicationScoped
public class ErrandTools {

    @Tool(name = "send_sms", description = "Sends an SMS message to a phone number.")
    public String sendSms(@ToolParam(description = "Recipient in E.164 form") String phone,
            @ToolParam(description = "Body of the SMS") String body) {
        return "queued";
    }

    @Tool(name = "create_calendar_event", description = "Adds an event to the user's calendar.")
    public String createEvent(@ToolParam(description = "Title of the event") String title,
            @ToolParam(description = "Start, ISO 8601") String start) {
        return "created";
    }

    @Tool(name = "list_invoices", readOnly = true,
            description = "Lists the invoices of the accounting ledger, filtered by status.")
    public String listInvoices(@ToolParam(description = "draft, sent or paid") String status) {
        return "[]";
    }

    @Tool(name = "get_weather_forecast", readOnly = true,
            description = "Returns the weather forecast for a city for the next days.")
    public String forecast(@ToolParam(description = "City name") String city) {
        return "sunny";
    }

    @Tool(name = "delete_repository", description = "Deletes a source code repository for good.")
    public String deleteRepository(@ToolParam(description = "Repository name") String name) {
        return "deleted";
    }
}
