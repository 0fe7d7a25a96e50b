package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading an integration's configuration and credentials, and building resources from provider JSON. */
final class Sources {
    static final ObjectMapper JSON = new ObjectMapper();

    private Sources() {
    }

    /** A credential field the adapter cannot work without; its absence is an AUTH failure. */
    static String credential(SyncSource source, String provider, String field) {
        String value = source.credentials().get(field);
        if (value == null || value.isBlank()) {
            throw new ProviderFailure(Kind.AUTH, provider + " credentials lack " + field);
        }
        return value;
    }

    static JsonNode configuration(SyncSource source) {
        JsonNode c = source.configuration();
        return c == null || !c.isObject() ? JsonNodeFactory.instance.objectNode() : c;
    }

    /** The list under {@code field} of a page of results; anything else is the provider's unexpected answer. */
    static JsonNode pageItems(ProviderHttp.Call call, JsonNode body, String field) {
        JsonNode items = body.get(field);
        if (items == null || !items.isArray()) {
            throw FailureMapping.unexpected(call, "a page without " + field);
        }
        return items;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** {@link #text} of the field, or {@code fallback} where it is absent, null or blank. */
    static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value != null ? value : fallback;
    }

    static String trim(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        return t.isEmpty() ? null : t;
    }

    /** A configured base URL as a URI without trailing slash; a bad one is PERMANENT (and not echoed). */
    static String baseUrl(String provider, String field, String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return trimmed;
        } catch (Exception e) {
            throw new ProviderFailure(Kind.PERMANENT, provider + " " + field + " is not a valid http(s) URL");
        }
    }

    /** One path segment or query value, percent-encoded (a GitLab group path "a/b" becomes "a%2Fb"). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Resources de-duplicated by kind and external id (lists can shift while they are paged). */
    static List<DiscoveredResource> distinct(List<DiscoveredResource> resources) {
        Map<String, DiscoveredResource> byId = new LinkedHashMap<>();
        for (DiscoveredResource r : resources) {
            byId.putIfAbsent(r.kind() + "\u0000" + r.externalId(), r);
        }
        return List.copyOf(byId.values());
    }

    /** Metadata without null values, in the order given: key, value, key, value, ... */
    static Map<String, Object> meta(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof JsonNode node) {
                v = node.isNull() || node.isMissingNode() ? null
                        : node.isBoolean() ? (Object) node.booleanValue()
                        : node.isIntegralNumber() ? (Object) node.longValue()
                        : node.isNumber() ? (Object) node.doubleValue()
                        : node.isTextual() ? node.textValue() : JSON.convertValue(node, Object.class);
            }
            if (v != null) {
                m.put((String) keyValues[i], v);
            }
        }
        return m;
    }
}
