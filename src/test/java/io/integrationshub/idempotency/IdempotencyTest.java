package io.integrationshub.idempotency;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationshub.support.Integrations.github;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** API.md 1.4 on the create and clone POSTs. */
@QuarkusTest
public class IdempotencyTest {

    private static Response create(UUID org, String auth, String key, Map<String, Object> body) {
        return given().header("Authorization", auth).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/orgs/" + org + "/integrations").then().extract().response();
    }

    private static int count(UUID org, String auth) {
        return given().header("Authorization", auth).queryParam("limit", 240).when().get("/v1/orgs/" + org + "/integrations")
                .then().statusCode(200).extract().path("data.size()");
    }

    @Test
    void replayReturnsTheFirstResponseAndCreatesNothing() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        Response first = create(org, admin, key, github("idem", "tok"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Response again = create(org, admin, key, github("idem", "tok"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(count(org, admin)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyOrPathIs409() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        assertThat(create(org, admin, key, github("one", "tok")).statusCode()).isEqualTo(201);
        create(org, admin, key, github("two", "tok")).then().statusCode(409).body("code", equalTo("conflict"))
                .body("errors[0].header", equalTo("Idempotency-Key"));
        UUID other = Fixtures.organisation();
        String both = TestTokens.user(TestTokens.user().subject()).role(org, "admin").role(other, "admin").bearer();
        // The key is per principal: a different user may use the same key.
        assertThat(create(other, both, key, github("one", "tok")).statusCode()).isEqualTo(201);
        assertThat(count(org, admin)).isEqualTo(1);
    }

    @Test
    void rejectedRequestsAreNotRemembered() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        Map<String, Object> invalid = github("bad", "tok");
        invalid.put("item_type", "nope");
        create(org, admin, key, invalid).then().statusCode(400);
        // The same key may now be used for a corrected request.
        create(org, admin, key, github("good", "tok")).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        given().header("Authorization", admin).header("Idempotency-Key", "x".repeat(256)).contentType(ContentType.JSON)
                .body(github("long", "tok")).when().post("/v1/orgs/" + org + "/integrations")
                .then().statusCode(400).body("errors[0].header", equalTo("Idempotency-Key"));
    }

    @Test
    void concurrentRequestsWithOneKeyTakeEffectOnce() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Response> call = () -> create(org, admin, key, github("concurrent", "tok"));
                futures.add(pool.submit(call));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.statusCode()).isEqualTo(201);
                ids.add(r.path("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(org, admin)).isEqualTo(1);
    }

    @Test
    void cloneIsIdempotentToo() {
        UUID group = Fixtures.group();
        UUID source = Fixtures.organisation(group);
        UUID destination = Fixtures.organisation(group);
        String both = TestTokens.user().role(source, "admin").role(destination, "admin").bearer();
        String id = Integrations.create(source, both, github("to clone", "tok"));
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", both).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post("/v1/orgs/" + source + "/integrations/" + id + "/clone")
                .then().statusCode(201).extract().path("new_integration_id");
        given().header("Authorization", both).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post("/v1/orgs/" + source + "/integrations/" + id + "/clone")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("new_integration_id", equalTo(first));
        assertThat(count(destination, both)).isEqualTo(1);
    }
}
