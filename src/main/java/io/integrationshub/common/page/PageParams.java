package io.integrationshub.common.page;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/** The query parameters every list takes (API.md 1.2). */
public class PageParams {
    @RestQuery
    @Parameter(description = "Page size, 1..240", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1", maximum = "240", defaultValue = "20"))
    public String limit;

    @RestQuery
    @Parameter(description = "Opaque cursor from next_cursor or prev_cursor of a previous page of the same list and filters")
    public String cursor;

    @RestQuery
    @Parameter(description = "created_at (= +created_at) or -created_at", schema = @Schema(enumeration = {"created_at", "+created_at", "-created_at"}, defaultValue = "created_at"))
    public String sort;

    public PageRequest toRequest(String listName, Map<String, ?> filters) {
        return PageRequest.parse(limit, cursor, sort, listName, filters);
    }
}
