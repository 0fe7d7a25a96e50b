package io.integrationshub.notifications;

import io.integrationshub.common.Ids;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Projects and collaborators straight in the database, and the notification API calls the tests repeat. */
final class NotificationFixtures {
    static final Duration WAIT = Duration.ofSeconds(20);

    private NotificationFixtures() {
    }

    static RowSet<Row> sql(Pool pool, String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10));
    }

    static UUID project(Pool pool, UUID org, String name) {
        UUID id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        sql(pool, "insert into projects (id, organisation_id, name, cloud_connection, created_at, updated_at, version) "
                + "values ($1, $2, $3, 'disconnected', $4, $4, 1)", id, org, name, now);
        return id;
    }

    static void collaborator(Pool pool, UUID project, String accountId, String role) {
        sql(pool, "insert into project_collaborators (project_id, account_id, id, role, created_at) values ($1, $2, $3, $4, $5)",
                project, accountId, Ids.newId(), role, OffsetDateTime.now(ZoneOffset.UTC));
    }

    static String base(UUID project) {
        return "/v1/projects/" + project + "/notification-integrations";
    }

    static Response create(String auth, UUID project, Map<String, Object> body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().post(base(project)).then().extract().response();
    }

    static Map<String, Object> webhook(String url) {
        return Map.of("type", "webhook", "configuration", Map.of("url", url));
    }

    static Response event(String auth, UUID project, Object body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().post("/v1/projects/" + project + "/events").then().extract().response();
    }

    static String delivery(Pool pool, UUID deliveryId, String column) {
        RowSet<Row> rows = sql(pool, "select " + column + "::text as v from notification_deliveries where id = $1", deliveryId);
        return rows.size() == 0 ? null : rows.iterator().next().getString("v");
    }

    /** Polls the delivery row until {@code until} holds on its status (a deadlock guard, not a timing claim). */
    static void awaitStatus(Pool pool, UUID deliveryId, Predicate<String> until) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status = delivery(pool, deliveryId, "status");
        while (status == null || !until.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery " + deliveryId + " stayed " + status + "; error: "
                        + delivery(pool, deliveryId, "error"));
            }
            Receiver.sleep(20);
            status = delivery(pool, deliveryId, "status");
        }
    }

    static long count(Pool pool, String sql, Object... args) {
        return sql(pool, sql, args).iterator().next().getLong(0);
    }
}
