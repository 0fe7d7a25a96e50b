package io.integrationshub.projects;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.integrationshub.projects.ProjectApi.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The profile refresh writes only when a member's claims changed (row versions told by PostgreSQL's xmin). */
@QuarkusTest
public class MemberProfilesTest {
    @Inject
    MemberProfiles profiles;
    @Inject
    Pool pool;

    @Test
    void unchangedClaimsWriteNothingChangedClaimsWriteOnce() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "rows");
        TestTokens member = outsider();
        addCollaborators(admin, id, "viewer", member.subject()).statusCode(201);
        String token = "Bearer " + member.claims().claim("name", "Linus").sign(TestTokens.PRIVATE_KEY);

        given().header("Authorization", token).when().get(project(id)).then().statusCode(200);
        String profileRow = xmin("select xmin::text from member_profiles where account_id = $1", member.subject());
        String collaboratorRow = xmin("select xmin::text from project_collaborators where account_id = $1", member.subject());
        assertThat(profileRow).isNotNull();

        // Same claims: this instance knows them and does not even ask the database.
        given().header("Authorization", token).when().get(project(id)).then().statusCode(200);
        // Same claims on an instance that does not know them yet (cache forgotten): read, but no row written.
        profiles.forget();
        given().header("Authorization", token).when().get(project(id)).then().statusCode(200);
        assertThat(xmin("select xmin::text from member_profiles where account_id = $1", member.subject())).isEqualTo(profileRow);
        assertThat(xmin("select xmin::text from project_collaborators where account_id = $1", member.subject()))
                .isEqualTo(collaboratorRow);

        String renamed = "Bearer " + member.claims().claim("name", "Linus T").sign(TestTokens.PRIVATE_KEY);
        given().header("Authorization", renamed).when().get(project(id)).then().statusCode(200);
        assertThat(xmin("select xmin::text from member_profiles where account_id = $1", member.subject())).isNotEqualTo(profileRow);
        given().header("Authorization", admin).when().get(collaborators(id) + "/" + member.subject())
                .then().statusCode(200).body("name", equalTo("Linus T"));
    }

    @Test
    void theClaimsHashTellsNullsEmptiesAndSplitsApart() {
        assertThat(MemberProfiles.hash(null, null, null)).isNotEqualTo(MemberProfiles.hash("", null, null));
        assertThat(MemberProfiles.hash("ab", null, null)).isNotEqualTo(MemberProfiles.hash("a", "b", null));
        assertThat(MemberProfiles.hash("a", "b", "c")).isEqualTo(MemberProfiles.hash("a", "b", "c"));
    }

    private String xmin(String sql, String accountId) {
        return pool.preparedQuery(sql).execute(Tuple.of(accountId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null)
                .await().atMost(Duration.ofSeconds(10));
    }
}
