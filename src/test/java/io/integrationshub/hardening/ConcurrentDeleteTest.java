package io.integrationshub.hardening;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 14 finding 2: hard deletes of different rows at the same time must all succeed. */
@QuarkusTest
public class ConcurrentDeleteTest {
    private static final int CONCURRENCY = 16;

    @Test
    void sixteenConcurrentIntegrationDeletesAllSucceed() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY * 2; i++) {
            paths.add("/v1/orgs/" + org + "/integrations/"
                    + Integrations.create(org, admin, Integrations.github("p" + i, Integrations.secret("ghp_"))));
        }
        assertEquals(List.of(204), distinctStatuses(paths, admin));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations")
                .then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void sixteenConcurrentApiTokenDeletesAllSucceed() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY * 2; i++) {
            String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "t" + i, "role", "viewer"))
                    .when().post("/v1/orgs/" + org + "/api-tokens")
                    .then().statusCode(201).extract().path("id");
            paths.add("/v1/orgs/" + org + "/api-tokens/" + id);
        }
        assertEquals(List.of(204), distinctStatuses(paths, admin));
    }

    private static List<Integer> distinctStatuses(List<String> paths, String auth) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String path : paths) {
                Callable<Integer> delete = () -> given().header("Authorization", auth).when().delete(path).statusCode();
                results.add(pool.submit(delete));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            return statuses.stream().distinct().sorted().toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
