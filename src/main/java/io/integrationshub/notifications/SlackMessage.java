package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;

/**
 * A Slack incoming-webhook message (https://api.slack.com/messaging/webhooks): {@code text} is the
 * fallback for notifications and clients without blocks; the blocks show the event type as a header,
 * the project and a summary taken from {@code data}, a link when {@code data} has an https one, and
 * the time and event id as context. Slack reads {@code text} as mrkdwn too, so it is escaped like the
 * blocks' mrkdwn: event data can neither ping ({@code <!channel>}) nor link ({@code <https://x|y>}).
 */
final class SlackMessage {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Fields of {@code data} read as the summary, first found wins. */
    private static final List<String> SUMMARY_FIELDS = List.of("summary", "message", "title", "description", "name");
    private static final List<String> LINK_FIELDS = List.of("url", "link", "html_url");
    private static final int MAX_SUMMARY = 2900; // a section's text may hold 3000 characters

    private SlackMessage() {
    }

    static ObjectNode body(String eventType, String projectName, String occurredAt, String eventId, JsonNode data,
            String channel) {
        String title = EventTypes.title(eventType);
        String project = projectName == null ? "a project" : projectName;
        String summary = firstText(data, SUMMARY_FIELDS);
        String link = link(data);

        ObjectNode message = JSON.objectNode();
        if (channel != null) {
            message.put("channel", channel);
        }
        message.put("text", escape(plain(title)) + " in project " + escape(project)
                + (summary == null ? "" : ": " + escape(summary)));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(title, 150)).put("emoji", true);

        StringBuilder section = new StringBuilder("*Project:* ").append(escape(project));
        if (summary != null) {
            section.append('\n').append(escape(truncate(summary, MAX_SUMMARY)));
        }
        ObjectNode sectionBlock = blocks.addObject().put("type", "section");
        sectionBlock.putObject("text").put("type", "mrkdwn").put("text", section.toString());
        if (link != null) {
            ObjectNode button = JSON.objectNode().put("type", "button").put("url", link);
            button.putObject("text").put("type", "plain_text").put("text", "Open");
            sectionBlock.set("accessory", button);
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape(eventType) + " · " + escape(occurredAt) + " · event " + escape(eventId));
        return message;
    }

    private static String firstText(JsonNode data, List<String> fields) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = data.get(field);
            if (value != null && value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue().trim();
            }
        }
        return null;
    }

    /** Only absolute http(s) links become a button: Slack rejects the message for anything else. */
    private static String link(JsonNode data) {
        String candidate = firstText(data, LINK_FIELDS);
        if (candidate == null || candidate.length() > 3000) {
            return null;
        }
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    ? candidate : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The title without its leading :emoji: code, for the plain-text fallback. */
    private static String plain(String title) {
        return title.replaceFirst("^:[a-z_]+: ", "");
    }

    /**
     * Slack's mrkdwn control characters, replaced as its formatting reference says ({@code &} by {@code &amp;},
     * {@code <} by {@code &lt;}, {@code >} by {@code &gt;}, nothing else encoded):
     * https://api.slack.com/reference/surfaces/formatting#escaping
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
