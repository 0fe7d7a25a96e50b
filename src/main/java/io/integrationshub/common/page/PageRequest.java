package io.integrationshub.common.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One page request of any list: limit, sort over (created_at, id) and an optional cursor. Cursors
 * are opaque base64url JSON holding the keyset position, the direction of travel and a fingerprint
 * of the list's sort and filters, so a cursor used with another list or other filters is refused.
 */
public final class PageRequest {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int limit;
    private final boolean descending;
    private final String fingerprint;
    private final Position position;

    /** Where a cursor points: after (next) or before (prev) the row (createdAt, id). */
    record Position(Instant createdAt, UUID id, boolean backwards) {
    }

    private PageRequest(int limit, boolean descending, String fingerprint, Position position) {
        this.limit = limit;
        this.descending = descending;
        this.fingerprint = fingerprint;
        this.position = position;
    }

    /**
     * Parses the query parameters of a list. {@code listName} and {@code filters} bind the cursor to
     * this list and these filter values.
     */
    public static PageRequest parse(String limitText, String cursorText, String sortText, String listName,
            Map<String, ?> filters) {
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badParameter("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badParameter("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        boolean descending;
        // An unencoded "+" in a query string arrives as a space.
        sortText = sortText == null ? null : sortText.trim();
        if (sortText == null || sortText.equals("created_at") || sortText.equals("+created_at")) {
            descending = false;
        } else if (sortText.equals("-created_at")) {
            descending = true;
        } else {
            throw ApiException.badParameter("sort", "must be created_at, +created_at or -created_at");
        }
        String fingerprint = fingerprint(listName, descending, filters);
        Position position = cursorText == null ? null : decode(cursorText, fingerprint);
        return new PageRequest(limit, descending, fingerprint, position);
    }

    public int limit() {
        return limit;
    }

    /** How many rows to fetch: one more than the page, to learn whether more follow. */
    public int fetchSize() {
        return limit + 1;
    }

    /**
     * The keyset condition to AND into a HQL query (empty without cursor); names the created_at and id paths.
     * It is a row comparison, {@code (created_at, id) > (t, id)}, which PostgreSQL turns into an index seek on
     * {@code (parent, created_at, id)}: every page costs what the first one does. The equivalent
     * {@code a > t or (a = t and b > id)} is not seekable and scans from the start of the list.
     */
    public String keysetCondition(String createdAtPath, String idPath) {
        if (position == null) {
            return "";
        }
        String op = (descending ^ position.backwards()) ? "<" : ">";
        return " and (" + createdAtPath + ", " + idPath + ") " + op + " (:pageCreatedAt, :pageId)";
    }

    /**
     * This page of {@code repository}'s rows that meet {@code where}: after the cursor, in created_at then id
     * order, {@link #fetchSize()} rows at most (pass them to {@link PageResponse#of}).
     */
    public <E> Uni<List<E>> fetch(PanacheRepositoryBase<E, ?> repository, Where where) {
        return fetch(repository, where, "createdAt", "id");
    }

    /** The same, for an entity whose creation time has another name than createdAt. */
    public <E> Uni<List<E>> fetch(PanacheRepositoryBase<E, ?> repository, Where where, String createdAtPath, String idPath) {
        return repository.find(where.hql() + keysetCondition(createdAtPath, idPath), sort(createdAtPath, idPath),
                bind(where.params())).range(0, fetchSize() - 1).list();
    }

    /** Same condition for native SQL with positional parameters starting at {@code firstIndex}. */
    public String keysetSql(String createdAtColumn, String idColumn, int firstIndex) {
        if (position == null) {
            return "";
        }
        String op = (descending ^ position.backwards()) ? "<" : ">";
        return " and (" + createdAtColumn + ", " + idColumn + ") " + op + " ($" + firstIndex + ", $" + (firstIndex + 1) + ")";
    }

    public Object[] keysetSqlArguments() {
        return position == null ? new Object[0]
                : new Object[] {java.time.OffsetDateTime.ofInstant(position.createdAt(), java.time.ZoneOffset.UTC), position.id()};
    }

    public Parameters bind(Parameters parameters) {
        if (position != null) {
            parameters.and("pageCreatedAt", position.createdAt()).and("pageId", position.id());
        }
        return parameters;
    }

    public String sqlOrder(String createdAtColumn, String idColumn) {
        String dir = (descending ^ travelsBackwards()) ? "desc" : "asc";
        return " order by " + createdAtColumn + " " + dir + ", " + idColumn + " " + dir;
    }

    public Sort sort(String createdAtPath, String idPath) {
        Sort.Direction dir = (descending ^ travelsBackwards()) ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return Sort.by(createdAtPath, dir).and(idPath, dir);
    }

    /**
     * The same page taken from rows held in memory (a small fixed list such as the provider catalog),
     * in the order a query would fetch them; pass the result to {@link PageResponse#of}.
     */
    public <E> java.util.List<E> slice(java.util.List<E> rows, java.util.function.Function<E, Instant> createdAt,
            java.util.function.Function<E, UUID> id) {
        java.util.Comparator<E> order = java.util.Comparator.comparing(createdAt).thenComparing(id);
        if (descending ^ travelsBackwards()) {
            order = order.reversed();
        }
        java.util.stream.Stream<E> stream = rows.stream();
        if (position != null) {
            boolean after = !(descending ^ position.backwards());
            stream = stream.filter(row -> {
                int cmp = compareToPosition(createdAt.apply(row), id.apply(row));
                return after ? cmp > 0 : cmp < 0;
            });
        }
        return stream.sorted(order).limit(fetchSize()).toList();
    }

    private int compareToPosition(Instant createdAt, UUID id) {
        int byTime = createdAt.compareTo(position.createdAt());
        return byTime != 0 ? byTime : id.compareTo(position.id());
    }

    boolean travelsBackwards() {
        return position != null && position.backwards();
    }

    boolean hasCursor() {
        return position != null;
    }

    String cursorAt(Instant createdAt, UUID id, boolean backwards) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("f", fingerprint);
        node.put("t", createdAt.toString());
        node.put("i", id.toString());
        node.put("d", backwards ? "p" : "n");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static Position decode(String cursorText, String expectedFingerprint) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursorText));
            if (node == null || node.path("v").asInt() != 1) {
                throw new IllegalArgumentException("version");
            }
            if (!expectedFingerprint.equals(node.path("f").asText())) {
                throw ApiException.badParameter("cursor", "belongs to another list, sort or set of filters");
            }
            String direction = node.path("d").asText();
            if (!direction.equals("n") && !direction.equals("p")) {
                throw new IllegalArgumentException("direction");
            }
            Instant createdAt = Instant.parse(node.path("t").asText());
            // Instant reaches far beyond PostgreSQL's timestamps, which would wrap around: no cursor holds such a time.
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw new IllegalArgumentException("time");
            }
            return new Position(createdAt, UUID.fromString(node.path("i").asText()), direction.equals("p"));
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.badParameter("cursor", "is not a cursor this service issued");
        }
    }

    private static String fingerprint(String listName, boolean descending, Map<String, ?> filters) {
        StringBuilder canonical = new StringBuilder(listName).append('|').append(descending ? '-' : '+');
        new TreeMap<>(filters == null ? Map.of() : filters).forEach((k, v) -> {
            if (v != null) {
                canonical.append('|').append(k).append('=').append(v);
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
