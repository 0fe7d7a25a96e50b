package io.integrationshub.common.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fallback for operations without an explicit @Operation(operationId): SmallRye's METHOD strategy
 * names them after the Java method ("get", "list"), which repeats across resources. A bare verb is
 * qualified with the noun its path names: GET /v1/jobs/{job_id} "get" becomes getJob, POST
 * /v1/orgs/{org_id}/integrations/{integration_id}/sync "sync" becomes syncIntegration. Names that already
 * carry a noun (cloneIntegration, rotateSecret) are kept.
 */
final class OperationIds {
    /** Path segments whose singular is not the segment without its "s". */
    private static final Map<String, String> NOUNS = Map.of("orgs", "Organisation", "deliveries", "Delivery");

    private OperationIds() {
    }

    static void qualify(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                String id = entry.getValue().getOperationId();
                if (id != null && !id.isEmpty() && id.chars().allMatch(Character::isLowerCase)) {
                    entry.getValue().setOperationId(qualified(id, path));
                }
            }
        });
    }

    static String qualified(String verb, String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/v1/", "").split("/")));
        String last = segments.get(segments.size() - 1);
        if (last.equals(verb)) {
            segments.remove(segments.size() - 1);
            if (verb.equals("resources")) {
                return "list" + pascal(owner(segments)) + "Resources";
            }
        }
        if (segments.isEmpty()) {
            return verb;
        }
        String tail = segments.get(segments.size() - 1);
        if (isParameter(tail) || !last.equals(tail)) {
            // An item, or an action on one: the noun is the collection the last id belongs to.
            return verb + owner(segments);
        }
        // A collection: list its items, or create/add/publish one of them.
        String prefix = segments.size() > 1 && !isParameter(segments.get(segments.size() - 2))
                ? pascal(segments.get(segments.size() - 2)) : "";
        return verb.equals("list") ? verb + prefix + (tail.equals("orgs") ? "Organisations" : pascal(tail))
                : verb + prefix + singular(tail);
    }

    /** The singular noun of the innermost collection in the path ("integrations/{id}/broker" -> Broker). */
    private static String owner(List<String> segments) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!isParameter(segments.get(i))) {
                return singular(segments.get(i));
            }
        }
        return "";
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    private static String singular(String segment) {
        if (NOUNS.containsKey(segment)) {
            return NOUNS.get(segment);
        }
        String noun = segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
        return pascal(noun);
    }

    private static String pascal(String segment) {
        StringBuilder out = new StringBuilder();
        for (String part : segment.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
