package io.integrationshub.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.json.JsonCustomizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request of one attempt. Webhooks: {@code {id, type, project_id, organisation_id, occurred_at, data}}
 * signed per Standard Webhooks, {@code webhook-id} = the delivery id (the same on every retry and
 * redelivery), {@code webhook-timestamp} = this attempt's time. Slack: the incoming-webhook message.
 */
record DeliveryRequest(byte[] body, Map<String, String> headers) {
    static final String USER_AGENT = "IntegrationsHub-Webhooks/1.0";

    /** @param secrets the current signing secret first, then the previous one while it is still valid */
    static DeliveryRequest of(ObjectMapper json, DeliveryStore.Target t, List<String> secrets, long timestampSeconds) {
        JsonNode data;
        try {
            data = json.readTree(t.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event data is not JSON");
        }
        String occurredAt = JsonCustomizer.format(t.occurredAt());
        ObjectNode body;
        if (NotificationIntegration.WEBHOOK.equals(t.type())) {
            body = json.createObjectNode();
            body.put("id", t.eventId().toString());
            body.put("type", t.eventType());
            body.put("project_id", t.projectId().toString());
            body.put("organisation_id", t.organisationId().toString());
            body.put("occurred_at", occurredAt);
            body.set("data", data);
        } else {
            body = SlackMessage.body(t.eventType(), t.projectName(), occurredAt, t.eventId().toString(), data, t.channel());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("delivery body cannot be written");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", USER_AGENT);
        if (NotificationIntegration.WEBHOOK.equals(t.type())) {
            String msgId = t.deliveryId().toString();
            headers.put("webhook-id", msgId);
            headers.put("webhook-timestamp", Long.toString(timestampSeconds));
            headers.put("webhook-signature", WebhookSignature.header(secrets, msgId, timestampSeconds, bytes));
        }
        return new DeliveryRequest(bytes, headers);
    }
}
