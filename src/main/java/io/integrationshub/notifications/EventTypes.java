package io.integrationshub.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event types of API.md 10, the integration toggle each one obeys, and how Slack titles it. */
public final class EventTypes {
    /** Sent by POST …/test; obeys no toggle. */
    public static final String PING = "ping";

    private record Kind(String toggle, String title) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("deployment.failed", new Kind("deployments_failed", ":x: Deployment failed"));
        KINDS.put("deployment.in_progress", new Kind("deployments_in_progress", ":hourglass_flowing_sand: Deployment in progress"));
        KINDS.put("deployment.succeeded", new Kind("deployments_succeeded", ":white_check_mark: Deployment succeeded"));
        KINDS.put("changelog.published", new Kind("changelog", ":memo: Changelog published"));
        KINDS.put("promotion.created", new Kind("promotions", ":rocket: Promotion created"));
        KINDS.put("service.alarm", new Kind("services_in_alarm", ":rotating_light: Service in alarm"));
        KINDS.put("service.ok", new Kind("services_ok", ":large_green_circle: Service OK"));
    }

    /** The toggles of a notification integration's {@code events}, in contract order. */
    public static final List<String> TOGGLES = KINDS.values().stream().map(Kind::toggle).toList();
    /** The types POST /events accepts. */
    public static final List<String> TYPES = List.copyOf(KINDS.keySet());

    private EventTypes() {
    }

    public static Optional<String> toggleOf(String type) {
        return Optional.ofNullable(KINDS.get(type)).map(Kind::toggle);
    }

    static String title(String type) {
        if (PING.equals(type)) {
            return ":wave: Test notification";
        }
        Kind kind = KINDS.get(type);
        return kind == null ? type : kind.title();
    }
}
