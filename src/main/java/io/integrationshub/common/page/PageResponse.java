package io.integrationshub.common.page;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A page of a list. {@code has_more} tells whether more items follow this page (then
 * {@code next_cursor} fetches them); {@code prev_cursor} fetches the page before the first item. Both
 * cursors are null when there is nothing that way, so a page reads the same however it was reached.
 */
public class PageResponse<T> {
    @Schema(required = true)
    public List<T> data;
    @Schema(required = true)
    public boolean hasMore;
    @Schema(nullable = true, description = "Opaque cursor of the page after this one")
    public String nextCursor;
    @Schema(nullable = true, description = "Opaque cursor of the page before this one")
    public String prevCursor;

    public PageResponse() {
    }

    /** Copies this page into a named subclass, which exists so that OpenAPI names each list's schema. */
    public <P extends PageResponse<T>> P into(java.util.function.Supplier<P> named) {
        P page = named.get();
        page.data = data;
        page.hasMore = hasMore;
        page.nextCursor = nextCursor;
        page.prevCursor = prevCursor;
        return page;
    }

    /** Builds the page from rows fetched with {@link PageRequest#fetchSize()} in the request's fetch order. */
    public static <E, T> PageResponse<T> of(PageRequest request, List<E> fetched, Function<E, Instant> createdAt,
            Function<E, UUID> id, Function<E, T> view) {
        boolean more = fetched.size() > request.limit();
        List<E> rows = new ArrayList<>(more ? fetched.subList(0, request.limit()) : fetched);
        boolean backwards = request.travelsBackwards();
        if (backwards) {
            Collections.reverse(rows);
        }
        PageResponse<T> page = new PageResponse<>();
        page.data = rows.stream().map(view).toList();
        if (!rows.isEmpty()) {
            E first = rows.get(0);
            E last = rows.get(rows.size() - 1);
            boolean itemsAfter = backwards || more;
            boolean itemsBefore = backwards ? more : request.hasCursor();
            page.hasMore = itemsAfter;
            page.nextCursor = itemsAfter ? request.cursorAt(createdAt.apply(last), id.apply(last), false) : null;
            page.prevCursor = itemsBefore ? request.cursorAt(createdAt.apply(first), id.apply(first), true) : null;
        }
        return page;
    }
}
