package io.integrationshub.common;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.LogCapture;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keyset list seeks (API.md 1.2: page 10,000 costs what page 1 costs). For each list the test
 * follows a cursor through the API, takes the SQL the repository actually sent from Hibernate's
 * statement log, and EXPLAINs it: the scan must be an index scan on the list's
 * {@code (parent, created_at, id)} index with the row comparison inside the index condition (a seek),
 * not a filter, and without a sort. No timing is asserted.
 */
@QuarkusTest
class KeysetIndexSeekTest {
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final Logger SQL_LOG = Logger.getLogger("org.hibernate.SQL");

    @Inject
    Pool pool;

    private LogCapture log;
    private Level previousLevel;

    @BeforeEach
    void captureSql() {
        previousLevel = SQL_LOG.getLevel();
        SQL_LOG.setLevel(Level.FINE);
        log = LogCapture.install();
    }

    @AfterEach
    void stopCapture() {
        log.uninstall();
        SQL_LOG.setLevel(previousLevel);
    }

    @Test
    void everyListSeeksItsIndexInBothDirections() {
        UUID org = Fixtures.organisation();
        UUID otherOrg = Fixtures.organisation();
        String admin = TestTokens.user().role(org, "admin").role(otherOrg, "admin").bearer();
        List<String> integrations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            integrations.add(Integrations.create(org, admin, Integrations.github("seek-" + i, Integrations.secret("ghp_"))));
            given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("name", "t" + i, "role", "viewer"))
                    .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201);
        }
        UUID integration = UUID.fromString(integrations.get(0));
        for (int i = 0; i < 3; i++) {
            sql("insert into jobs (id, organisation_id, type, target_type, target_id, status, max_attempts, run_at, created_at,"
                    + " updated_at, finished_at) values ($1, $2, 'integration.sync', 'integration', $3, 'succeeded', 1, now(),"
                    + " now() + make_interval(secs => $4), now(), now())", UUID.randomUUID(), org, integration, (double) i);
            sql("insert into synced_resources (id, integration_id, kind, external_id, name, first_seen_at, last_seen_at)"
                    + " values ($1, $2, 'repository', $3, $3, now() + make_interval(secs => $4), now())",
                    UUID.randomUUID(), integration, "repo-" + i, (double) i);
        }

        String base = "/v1/orgs/" + org;
        assertSeeks(admin, base + "/integrations", "integrations_page_idx");
        assertSeeks(admin, base + "/api-tokens", "api_tokens_page_idx");
        assertSeeks(admin, base + "/audit-events", "audit_events_page_idx");
        assertSeeks(admin, base + "/jobs", "jobs_org_page_idx");
        assertSeeks(admin, base + "/integrations/" + integration + "/resources", "synced_resources_page_idx");
        // A caller's organisations are the ids in its token: a bounded id list, looked up by key.
        assertSeeks(admin, "/v1/orgs", "organisations_pkey", "organisations_page_idx");
    }

    /** Pages {@code path} forwards and backwards in both sorts and checks the plan of each cursor query. */
    private void assertSeeks(String auth, String path, String... indexes) {
        for (String sort : List.of("created_at", "-created_at")) {
            String next = given().header("Authorization", auth).queryParam("limit", 1).queryParam("sort", sort)
                    .when().get(path).then().statusCode(200).extract().path("next_cursor");
            assertThat(next).as("%s sorted %s has a second page", path, sort).isNotNull();
            String afterNext = explainCursorQuery(auth, path, sort, next);
            assertIndexSeek(path + " sort=" + sort + " (next)", afterNext, indexes);
            String prev = given().header("Authorization", auth).queryParam("limit", 1).queryParam("sort", sort)
                    .queryParam("cursor", next).when().get(path).then().statusCode(200).extract().path("prev_cursor");
            assertThat(prev).isNotNull();
            assertIndexSeek(path + " sort=" + sort + " (prev)", explainCursorQuery(auth, path, sort, prev), indexes);
        }
    }

    private String explainCursorQuery(String auth, String path, String sort, String cursor) {
        log.lines().clear();
        given().header("Authorization", auth).queryParam("limit", 1).queryParam("sort", sort).queryParam("cursor", cursor)
                .when().get(path).then().statusCode(200);
        List<String> keysetQueries = log.lines().stream()
                .filter(line -> line.startsWith("org.hibernate.SQL "))
                .map(line -> line.substring("org.hibernate.SQL ".length()))
                .filter(sql -> sql.matches("(?s).*\\border\\s+by\\b.*"))
                // Background claims (job engine, sync scheduler) run meanwhile; they are no list's query.
                .filter(sql -> !sql.contains("skip locked"))
                .toList();
        assertThat(keysetQueries).as("the SQL of %s with a cursor", path).hasSize(1);
        return explain(keysetQueries.get(0));
    }

    /**
     * The generic plan of the statement (the one a prepared statement settles on, valid for any cursor),
     * with sequential and bitmap scans priced out so the small test tables plan as a large list does.
     */
    private String explain(String sql) {
        int parameters = 0;
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
        }
        String nulls = String.join(", ", java.util.Collections.nCopies(parameters, "null"));
        String execute = "explain execute keyset_probe" + (parameters == 0 ? "" : "(" + nulls + ")");
        return pool.withConnection(c -> c.query("set plan_cache_mode = force_generic_plan").execute()
                        .chain(() -> c.query("set enable_seqscan = off").execute())
                        .chain(() -> c.query("set enable_bitmapscan = off").execute())
                        .chain(() -> c.query("prepare keyset_probe as " + sql).execute())
                        .chain(() -> c.query(execute).execute())
                        .call(() -> c.query("deallocate keyset_probe").execute())
                        .call(() -> c.query("reset all").execute()))
                .map(rows -> {
                    StringBuilder plan = new StringBuilder();
                    for (Row row : rows) {
                        plan.append(row.getString(0)).append('\n');
                    }
                    return plan.toString();
                })
                .await().atMost(Duration.ofSeconds(10));
    }

    private static void assertIndexSeek(String what, String plan, String... indexes) {
        // The organisations list is the ids in the caller's token: its few rows may be sorted after the seek.
        boolean boundedByToken = what.startsWith("/v1/orgs ");
        assertThat(plan).as("%s plan:%n%s", what, plan).doesNotContain("Seq Scan");
        String scan = plan.lines().filter(l -> l.contains("Index Scan") || l.contains("Index Only Scan")).findFirst().orElse("");
        assertThat(indexes).as("%s scans one of its indexes; plan:%n%s", what, plan)
                .anyMatch(index -> scan.contains(" using " + index + " "));
        if (scan.contains("_page_idx")) {
            String condition = plan.lines().filter(l -> l.trim().startsWith("Index Cond:")).findFirst().orElse("");
            assertThat(condition).as("%s seeks to the cursor; plan:%n%s", what, plan).containsPattern("ROW\\(\\w+, id\\) [<>] ROW\\(");
            assertThat(plan).as("%s filters nothing by position; plan:%n%s", what, plan)
                    .doesNotContainPattern("Filter:.*(created_at|first_seen_at)");
            if (!boundedByToken) {
                assertThat(plan).as("%s reads in index order; plan:%n%s", what, plan).doesNotContain("Sort");
            }
        }
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10));
    }
}
