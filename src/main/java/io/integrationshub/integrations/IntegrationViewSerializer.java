package io.integrationshub.integrations;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import io.integrationshub.common.json.Rfc3339;
import io.integrationshub.integrations.IntegrationViews.BrokerView;
import io.integrationshub.integrations.IntegrationViews.CredentialsView;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.integrations.IntegrationViews.StatusView;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes an {@link IntegrationView} field by field, as Jackson's bean serialiser would with the service's
 * settings (snake_case names, every field written, nulls included, RFC 3339 timestamps), without its
 * per-property reflection: GET and list pages write little else, and Jackson's bean machinery was the
 * largest share of a list page's CPU left (docs/benchmarks.md). {@code IntegrationViewSerializerTest}
 * holds it to the bean serialiser's output, field for field, so a field added to the view and not here fails.
 */
final class IntegrationViewSerializer extends StdSerializer<IntegrationView> {
    private final boolean unwrapping;

    IntegrationViewSerializer() {
        this(false);
    }

    private IntegrationViewSerializer(boolean unwrapping) {
        super(IntegrationView.class);
        this.unwrapping = unwrapping;
    }

    /** Inside {@code CreatedView}, whose {@code @JsonUnwrapped} wants the fields without their braces. */
    @Override
    public JsonSerializer<IntegrationView> unwrappingSerializer(NameTransformer unwrapper) {
        return new IntegrationViewSerializer(true);
    }

    @Override
    public boolean isUnwrappingSerializer() {
        return unwrapping;
    }

    @Override
    public void serialize(IntegrationView view, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (!unwrapping) {
            gen.writeStartObject(view);
        }
        uuid(gen, "id", view.id());
        uuid(gen, "organisation_id", view.organisationId());
        gen.writeStringField("provider", view.provider());
        gen.writeStringField("profile_name", view.profileName());
        gen.writeStringField("item_type", view.itemType());
        gen.writeBooleanField("enabled", view.enabled());
        gen.writeFieldName("configuration");
        json(gen, provider, view.configuration());
        credentials(gen, view.credentials());
        broker(gen, view.broker());
        gen.writeFieldName("sync_interval_minutes");
        if (view.syncIntervalMinutes() == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(view.syncIntervalMinutes());
        }
        status(gen, view.status());
        instant(gen, "created_at", view.createdAt());
        instant(gen, "updated_at", view.updatedAt());
        gen.writeNumberField("version", view.version());
        if (!unwrapping) {
            gen.writeEndObject();
        }
    }

    private static void credentials(JsonGenerator gen, CredentialsView credentials) throws IOException {
        gen.writeFieldName("credentials");
        if (credentials == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeBooleanField("configured", credentials.configured());
        gen.writeFieldName("fields");
        if (credentials.fields() == null) {
            gen.writeNull();
        } else {
            gen.writeStartArray();
            for (String field : credentials.fields()) {
                gen.writeString(field);
            }
            gen.writeEndArray();
        }
        instant(gen, "updated_at", credentials.updatedAt());
        gen.writeEndObject();
    }

    private static void broker(JsonGenerator gen, BrokerView broker) throws IOException {
        gen.writeFieldName("broker");
        if (broker == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeBooleanField("enabled", broker.enabled());
        gen.writeStringField("token_hint", broker.tokenHint());
        gen.writeBooleanField("provisional_token_pending", broker.provisionalTokenPending());
        instant(gen, "last_heartbeat_at", broker.lastHeartbeatAt());
        gen.writeEndObject();
    }

    private static void status(JsonGenerator gen, StatusView status) throws IOException {
        gen.writeFieldName("status");
        if (status == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeStringField("health", status.health());
        instant(gen, "last_synced_at", status.lastSyncedAt());
        uuid(gen, "last_sync_job_id", status.lastSyncJobId());
        gen.writeStringField("last_error", status.lastError());
        instant(gen, "next_sync_at", status.nextSyncAt());
        gen.writeEndObject();
    }

    private static void json(JsonGenerator gen, SerializerProvider provider, JsonNode node) throws IOException {
        if (node == null) {
            gen.writeNull();
        } else {
            // A tree from a write, or the stored text as a raw node from a plain read (IntegrationRows).
            node.serialize(gen, provider);
        }
    }

    private static void uuid(JsonGenerator gen, String name, UUID value) throws IOException {
        gen.writeFieldName(name);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(value.toString());
        }
    }

    private static void instant(JsonGenerator gen, String name, Instant value) throws IOException {
        gen.writeFieldName(name);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(Rfc3339.format(value));
        }
    }
}
