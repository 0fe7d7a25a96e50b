package io.integrationshub.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.PeriodicTimer;
import io.integrationshub.common.Times;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.secrets.SecretCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency-Key for POSTs that create or start something (API.md 1.4), adopted with one call:
 * {@code idempotency.post(caller, key, uri, body, () -> work)}.
 *
 * <p>The key is claimed by inserting its record in the same transaction as the work. A concurrent
 * request with the same key blocks on the unique index until the first commits (then it replays the
 * stored response) or rolls back (then it does the work itself), so two requests never both take
 * effect. A request that fails (4xx, 5xx) rolls back with its record and is not remembered.
 *
 * <p>One clock: a record's created_at and its expiry are the application's ({@link Times#now()}).
 */
@ApplicationScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    /** The OpenAPI description of the header on every operation that takes it. */
    public static final String KEY_DESCRIPTION = "1..255 characters; replays the first response for 24 h";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final String RESPONSE_CONTEXT = "idempotency.response";
    private static final String REQUEST_CONTEXT = "idempotency.request";
    /** Replayed with the first response; Cache-Control keeps a body holding a secret (a new API token) out of caches. */
    private static final List<String> KEPT_HEADERS = List.of("Location", "ETag", "Cache-Control");
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final Duration FIRST_PURGE = Duration.ofMinutes(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final ObjectMapper json;
    private final SecretCipher cipher;
    private final Mutiny.SessionFactory sessions;
    private final PeriodicTimer purges;

    public Idempotency(ObjectMapper json, SecretCipher cipher, Mutiny.SessionFactory sessions, Vertx vertx) {
        this.json = json;
        this.cipher = cipher;
        this.sessions = sessions;
        this.purges = new PeriodicTimer(vertx);
    }

    void startPurges(@Observes StartupEvent event) {
        purges.start(FIRST_PURGE, PURGE_EVERY, () -> purgeExpired().subscribe().with(done -> { },
                failure -> LOG.warnf("could not forget expired idempotency records (next try in %s): %s", PURGE_EVERY,
                        failure.toString())));
    }

    void stopPurges(@Observes ShutdownEvent event) {
        purges.stop();
    }

    /** A POST to the request's path: the path and the body identify the request a key was first used with. */
    public Uni<Response> post(Caller caller, String key, UriInfo uri, Object body, Supplier<Uni<Response>> work) {
        return execute(caller, key, "POST", uri.getPath(), body, work);
    }

    private Uni<Response> execute(Caller caller, String key, String method, String path, Object body,
            Supplier<Uni<Response>> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isEmpty() || key.length() > 255) {
            throw ApiException.badHeader(HEADER, "must be 1 to 255 characters");
        }
        String principal = caller.principalKey();
        String requestHash = hash(method, path, body);
        UUID recordId = Ids.newId();
        return Panache.withTransaction(() -> claim(recordId, principal, key, method, path, requestHash)
                .flatMap(claimed -> claimed
                        ? work.get().call(response -> remember(recordId, response))
                        : IdempotencyRecord.<IdempotencyRecord>find("principal = ?1 and idempotencyKey = ?2", principal, key)
                                .firstResult()
                                .map(existing -> replay(existing, method, path, requestHash))));
    }

    /** Inserts the record unless the key is taken; waits for an in-flight holder of the key to finish. */
    private Uni<Boolean> claim(UUID recordId, String principal, String key, String method, String path, String hash) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from idempotency_records where principal = :principal and idempotency_key = :key "
                                + "and created_at < :expired")
                .setParameter("principal", principal).setParameter("key", key)
                .setParameter("expired", Times.now().minus(RETENTION))
                .executeUpdate()
                .flatMap(ignored -> session.createNativeQuery(
                                "insert into idempotency_records (id, principal, idempotency_key, method, path, request_hash, "
                                        + "response_status, created_at) values (:id, :principal, :key, :method, :path, :hash, 0, :now) "
                                        + "on conflict (principal, idempotency_key) do nothing")
                        .setParameter("id", recordId).setParameter("principal", principal).setParameter("key", key)
                        .setParameter("method", method).setParameter("path", path)
                        .setParameter("hash", cipher.seal(hash, REQUEST_CONTEXT, recordId).ciphertext())
                        .setParameter("now", Times.now())
                        .executeUpdate())
                .map(inserted -> inserted == 1));
    }

    private Uni<Void> remember(UUID recordId, Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value.toString());
            }
        }
        byte[] body;
        try {
            Object entity = response.getEntity();
            body = entity == null ? null : cipher.seal(json.writeValueAsString(entity), RESPONSE_CONTEXT, recordId).ciphertext();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return IdempotencyRecord.update("responseStatus = ?1, responseHeaders = ?2, responseBody = ?3 where id = ?4",
                response.getStatus(), headers, body, recordId).replaceWithVoid();
    }

    private Response replay(IdempotencyRecord record, String method, String path, String requestHash) {
        if (record == null) {
            // Removed between the insert conflict and the read (expired concurrently): ask the client to retry.
            throw ApiException.conflict("the Idempotency-Key is being reused concurrently; retry the request");
        }
        if (!record.method.equals(method) || !record.path.equals(path)
                || !cipher.open(record.requestHash, REQUEST_CONTEXT, record.id).equals(requestHash)) {
            throw new ApiException(io.integrationshub.common.error.ErrorCode.CONFLICT,
                    "this Idempotency-Key was used with another request", List.of(
                    io.integrationshub.common.error.ProblemError.header(HEADER, "was used with another method, path or body")),
                    null);
        }
        Response.ResponseBuilder builder = Response.status(record.responseStatus).header(REPLAYED_HEADER, "true");
        if (record.responseHeaders != null) {
            record.responseHeaders.forEach(builder::header);
        }
        if (record.responseBody != null) {
            builder.type(JSON_UTF8)
                    .entity(cipher.open(record.responseBody, RESPONSE_CONTEXT, record.id));
        }
        return builder.build();
    }

    /**
     * Forgets records older than the retention period: one SQL statement in a session of its own. Not HQL: the
     * request paths may never have parsed any, and a first parse loads Hibernate's ANTLR grammar (~800 classes) in
     * the middle of the traffic; the class loading deoptimised the compiled request path and the GET benchmark's p99
     * rose from 9 ms to 130 ms for the five seconds around it (docs/benchmarks.md).
     */
    Uni<Void> purgeExpired() {
        return sessions.openStatelessSession().flatMap(session -> session
                .createNativeQuery("delete from idempotency_records where created_at < :expired")
                .setParameter("expired", Times.now().minus(RETENTION))
                .executeUpdate()
                .eventually(session::close))
                .replaceWithVoid();
    }

    private String hash(String method, String path, Object body) {
        try {
            JsonNode canonical = sorted(json.valueToTree(body));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (method + " " + path + "\n" + json.writeValueAsString(canonical)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same body, same hash, whatever the order of its fields. */
    private JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = json.createObjectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> copy.set(name, sorted(object.get(name))));
            return copy;
        }
        if (node != null && node.isArray()) {
            var copy = json.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
