package io.integrationshub.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.Invalid.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog and its schemas without booting Quarkus: every provider, every section. */
class ProviderValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProviderRegistry registry;
    private static ProviderValidator validator;

    /** id -> {configuration, credentials, settings}, each valid. */
    private static final Map<String, String[]> VALID = Map.ofEntries(
            Map.entry("github", new String[] {
                    "{'api_base_url': 'https://ghe.example.com/api/v3', 'enabled_repos': [{'hostname': 'github.com', 'github_org_name': 'myorg', 'repo_name': 'myrepo'}]}",
                    "{'token': 'ghp_abc'}",
                    "{'auto_dep_upgrade_enabled': true, 'auto_dep_upgrade_limit': 5, 'auto_dep_upgrade_min_age': 7, "
                            + "'auto_dep_upgrade_ignored_dependencies': ['lodash'], 'pull_request_test_enabled': true, "
                            + "'pull_request_fail_on_any_vulns': false, 'pull_request_fail_only_for_high_severity': true, "
                            + "'pull_request_assignment': {'enabled': true, 'type': 'manual', 'assignees': ['username']}, "
                            + "'auto_remediation_prs': {'backlog_prs_enabled': false, 'backlog_pr_strategy': 'vuln', 'fresh_prs_enabled': true, 'use_patch_remediation': false}, "
                            + "'manual_remediation_prs': {'use_manual_patch_remediation': false}, 'dockerfile_scm_enabled': true}"}),
            Map.entry("gitlab", new String[] {"{'group_path': 'acme/platform'}", "{'token': 'glpat-x'}", "{}"}),
            Map.entry("bitbucket-cloud", new String[] {"{'workspace': 'acme'}", "{'username': 'bob', 'app_password': 'pw'}",
                    "{'auto_remediation_prs': {'backlog_pr_strategy': 'dependency'}}"}),
            Map.entry("jira", new String[] {
                    "{'enabled_projects': [{'hostname': 'mycompany.atlassian.net', 'account_id': '123456789', 'project_key': 'AAA'}]}",
                    "{'email': 'bob@example.com', 'api_token': 'tok'}", "{}"}),
            Map.entry("mantisbt", new String[] {"{'base_url': 'https://mantis.example.com', 'project_ids': [1, 2]}",
                    "{'api_token': 'tok'}", "{}"}),
            Map.entry("slack", new String[] {"{'channel': '#alerts'}", "{'bot_token': 'xoxb-1'}", "{}"}),
            Map.entry("discord", new String[] {"{}", "{'webhook_url': 'https://discord.com/api/webhooks/1/abc'}", "{}"}),
            Map.entry("teams", new String[] {"{}", "{'webhook_url': 'https://acme.webhook.office.com/webhookb2/x'}", "{}"}),
            Map.entry("pagerduty", new String[] {"{'accounts': [{'enabled': true, 'subdomain': 'mycompany'}, {'enabled': false}]}",
                    "{'api_token': 'tok'}", "{}"}),
            Map.entry("ecr", new String[] {"{}",
                    "{'region': 'eu-west-1', 'role_arn': 'arn:aws:iam::123456789012:role/hub-ecr-reader'}",
                    "{'container_app_scan_enabled': false}"}),
            Map.entry("docker-hub", new String[] {"{'namespace': 'acme'}", "{'username': 'bob', 'access_token': 'dckr_pat_x'}", "{}"}),
            Map.entry("acr", new String[] {"{}", "{'hostname': 'acme.azurecr.io', 'username': 'u', 'password': 'p'}", "{}"}),
            Map.entry("gcr", new String[] {"{}", "{'hostname': 'gcr.io', 'username': '_json_key', 'password': '{\\\"type\\\": 1}'}", "{}"}),
            Map.entry("harbor", new String[] {"{}", "{'hostname': 'harbor.internal:8443', 'username': 'u', 'password': 'p'}",
                    "{'container_app_scan_enabled': true}"}),
            Map.entry("quay", new String[] {"{}", "{'hostname': 'quay.io', 'username': 'u', 'password': 'p'}", "{}"}),
            Map.entry("artifactory", new String[] {"{}", "{'hostname': 'acme.jfrog.io', 'username': 'u', 'password': 'p'}", "{}"}));

    @BeforeAll
    static void load() {
        registry = new ProviderRegistry();
        validator = new ProviderValidator(registry);
    }

    static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static ProviderDescriptor provider(String id) {
        return registry.find(id).orElseThrow();
    }

    static List<Violation> errors(String id, String section, String value) {
        return validator.validate(provider(id), section, json(value));
    }

    static Stream<String> providerIds() {
        return VALID.keySet().stream().sorted();
    }

    // ---- the catalog ----------------------------------------------------------------------

    @Test
    void catalogHoldsTheSixteenProvidersOfTheContractInIndexOrder() {
        assertThat(registry.all()).extracting(ProviderDescriptor::id).containsExactly("github", "gitlab",
                "bitbucket-cloud", "jira", "mantisbt", "slack", "discord", "teams", "pagerduty", "ecr", "docker-hub",
                "acr", "gcr", "harbor", "quay", "artifactory");
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void categoriesItemTypesSyncAndBrokerFollowTheContract() {
        // id -> category, default item type, sync, broker
        Map<String, Object[]> expected = Map.ofEntries(
                Map.entry("github", new Object[] {"scm", "repository", true, true}),
                Map.entry("gitlab", new Object[] {"scm", "repository", true, true}),
                Map.entry("bitbucket-cloud", new Object[] {"scm", "repository", true, true}),
                Map.entry("jira", new Object[] {"issue_tracker", "project", true, true}),
                Map.entry("mantisbt", new Object[] {"issue_tracker", "project", true, false}),
                Map.entry("slack", new Object[] {"chat", "channel", true, false}),
                Map.entry("discord", new Object[] {"chat", "webhook", true, false}),
                Map.entry("teams", new Object[] {"chat", "webhook", false, false}),
                Map.entry("pagerduty", new Object[] {"incident", "service", true, false}),
                Map.entry("ecr", new Object[] {"container_registry", "image", true, true}),
                Map.entry("docker-hub", new Object[] {"container_registry", "image", true, true}),
                Map.entry("acr", new Object[] {"container_registry", "image", true, true}),
                Map.entry("gcr", new Object[] {"container_registry", "image", true, true}),
                Map.entry("harbor", new Object[] {"container_registry", "image", true, true}),
                Map.entry("quay", new Object[] {"container_registry", "image", true, true}),
                Map.entry("artifactory", new Object[] {"container_registry", "image", true, true}));
        assertThat(expected.keySet()).isEqualTo(VALID.keySet());
        expected.forEach((id, e) -> {
            ProviderDescriptor p = provider(id);
            assertThat(p.category()).as(id).isEqualTo(e[0]);
            assertThat(p.defaultItemType()).as(id).isEqualTo(e[1]);
            assertThat(p.itemTypes()).as(id).contains((String) e[1]);
            assertThat(p.supportsSync()).as(id).isEqualTo(e[2]);
            assertThat(p.supportsBroker()).as(id).isEqualTo(e[3]);
            assertThat(p.name()).as(id).isNotBlank();
        });
        assertThat(provider("jira").itemTypes()).containsExactly("project", "issue");
        assertThat(provider("ecr").description()).contains("AssumeRole").contains("ExternalId");
    }

    @Test
    void secretFieldsAreTheCredentialFieldsMarkedSecret() {
        assertThat(provider("github").secretFields()).containsExactly("token");
        assertThat(provider("gitlab").secretFields()).containsExactly("token");
        assertThat(provider("bitbucket-cloud").secretFields()).containsExactly("app_password");
        assertThat(provider("jira").secretFields()).containsExactly("api_token");
        assertThat(provider("mantisbt").secretFields()).containsExactly("api_token");
        assertThat(provider("slack").secretFields()).containsExactly("bot_token");
        assertThat(provider("discord").secretFields()).containsExactly("webhook_url");
        assertThat(provider("teams").secretFields()).containsExactly("webhook_url");
        assertThat(provider("pagerduty").secretFields()).containsExactly("api_token");
        assertThat(provider("ecr").secretFields()).isEmpty();
        assertThat(provider("docker-hub").secretFields()).containsExactly("access_token");
        for (String id : List.of("acr", "gcr", "harbor", "quay", "artifactory")) {
            assertThat(provider(id).secretFields()).as(id).containsExactly("password");
        }
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void servedSchemasAreStandAloneValid202012WithoutUnknownFields(String id) {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(ProviderRegistry.DIALECT));
        ProviderDescriptor p = provider(id);
        for (JsonNode schema : List.of(p.configurationSchema(), p.credentialsSchema(), p.settingsSchema())) {
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(metaSchema.validate(schema)).as(id).isEmpty();
            assertThat(schema.findValues("$ref")).as(id + " is fully resolved").isEmpty();
            assertThat(schema.findValues("$id")).as(id).isEmpty();
            assertEveryObjectIsClosed(id, schema);
        }
    }

    private static void assertEveryObjectIsClosed(String where, JsonNode schema) {
        if (schema.isObject()) {
            if ("object".equals(schema.path("type").asText())) {
                assertThat(schema.get("additionalProperties")).as(where).isNotNull();
                assertThat(schema.get("additionalProperties").asBoolean(true)).as(where + " additionalProperties").isFalse();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                // "default" and "examples" hold data, not schemas.
                if (!field.getKey().equals("default") && !field.getKey().equals("examples")) {
                    assertEveryObjectIsClosed(where + "/" + field.getKey(), field.getValue());
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(item -> assertEveryObjectIsClosed(where, item));
        }
    }

    @Test
    void schemaAccessorsHandOutCopies() {
        ((ObjectNode) provider("github").credentialsSchema()).put("type", "string");
        assertThat(provider("github").credentialsSchema().get("type").asText()).isEqualTo("object");
    }

    // ---- valid samples ---------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("providerIds")
    void validSamplesPassEverySection(String id) {
        String[] sample = VALID.get(id);
        assertThat(errors(id, "configuration", sample[0])).as(id + " configuration").isEmpty();
        assertThat(errors(id, "credentials", sample[1])).as(id + " credentials").isEmpty();
        assertThat(errors(id, "settings", sample[2])).as(id + " settings").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void defaultsAreThemselvesValidAndEmptySettingsAreValid(String id) {
        ProviderDescriptor p = provider(id);
        assertThat(validator.validate(p, "settings", validator.withSettingsDefaults(p, null))).as(id).isEmpty();
        assertThat(validator.validate(p, "settings", json("{}"))).as(id).isEmpty();
        JsonNode configuration = validator.withConfigurationDefaults(p, json(VALID.get(id)[0]));
        assertThat(validator.validate(p, "configuration", configuration)).as(id).isEmpty();
    }

    // ---- invalid samples: exact pointers ----------------------------------------------------

    @Test
    void missingRepoNameInFirstEnabledRepoPointsAtIt() {
        assertThat(errors("github", "configuration",
                "{'enabled_repos': [{'hostname': 'github.com', 'github_org_name': 'myorg'}]}"))
                .containsExactly(new Violation("/configuration/enabled_repos/0/repo_name", "is required"));
    }

    @Test
    void unknownFieldsPointAtTheFieldAtAnyDepth() {
        assertThat(errors("github", "configuration",
                "{'enabled_repos': [{'hostname': 'github.com', 'github_org_name': 'o', 'repo_name': 'r', 'branch': 'main'}], 'extra': 1}"))
                .containsExactly(
                        new Violation("/configuration/enabled_repos/0/branch", "is not a known field"),
                        new Violation("/configuration/extra", "is not a known field"));
        assertThat(errors("discord", "configuration", "{'channel': 'x'}"))
                .containsExactly(new Violation("/configuration/channel", "is not a known field"));
        assertThat(errors("jira", "settings", "{'auto_dep_upgrade_enabled': true}"))
                .containsExactly(new Violation("/settings/auto_dep_upgrade_enabled", "is not a known field"));
        assertThat(errors("gitlab", "settings", "{'manual_remediation_prs': {'use_manual_patch_remediation': true, 'x': 1}}"))
                .containsExactly(new Violation("/settings/manual_remediation_prs/x", "is not a known field"));
        assertThat(errors("acr", "credentials", "{'hostname': 'a.io', 'username': 'u', 'password': 'p', 'token': 't'}"))
                .containsExactly(new Violation("/credentials/token", "is not a known field"));
    }

    @Test
    void ecrRoleArnAndRegionAreChecked() {
        assertThat(errors("ecr", "credentials", "{'region': 'mars-north-1', 'role_arn': 'arn:aws:iam::1234:role/x'}"))
                .containsExactly(
                        new Violation("/credentials/region", "must be one of the values the schema lists"),
                        new Violation("/credentials/role_arn",
                                "must match pattern ^arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$"));
        assertThat(errors("ecr", "credentials", "{'region': 'us-east-1', 'role_arn': 'arn:aws:iam::123456789012:user/bob'}"))
                .extracting(Violation::path).containsExactly("/credentials/role_arn");
        assertThat(errors("ecr", "credentials", "{'region': 'US-EAST-1', 'role_arn': 'arn:aws:iam::123456789012:role/r'}"))
                .extracting(Violation::path).containsExactly("/credentials/region");
        assertThat(errors("ecr", "credentials", "{}")).containsExactly(
                new Violation("/credentials/region", "is required"),
                new Violation("/credentials/role_arn", "is required"));
        assertThat(errors("ecr", "configuration", "{'namespace': 'x'}"))
                .containsExactly(new Violation("/configuration/namespace", "is not a known field"));
    }

    @Test
    void wrongTypesNameTheExpectedType() {
        assertThat(errors("github", "credentials", "{'token': 123}"))
                .containsExactly(new Violation("/credentials/token", "must be a string"));
        assertThat(errors("mantisbt", "configuration", "{'base_url': 'https://m.example.com', 'project_ids': [1, 'two']}"))
                .containsExactly(new Violation("/configuration/project_ids/1", "must be an integer"));
        assertThat(errors("pagerduty", "configuration", "{'accounts': [{'enabled': 'yes'}]}"))
                .containsExactly(new Violation("/configuration/accounts/0/enabled", "must be a boolean"));
        assertThat(errors("github", "configuration", "{'enabled_repos': {}}"))
                .containsExactly(new Violation("/configuration/enabled_repos", "must be an array"));
        assertThat(errors("github", "settings", "{'auto_dep_upgrade_limit': 2.5, 'pull_request_assignment': []}"))
                .containsExactly(
                        new Violation("/settings/auto_dep_upgrade_limit", "must be an integer"),
                        new Violation("/settings/pull_request_assignment", "must be an object"));
        assertThat(errors("github", "configuration", "'not an object'"))
                .containsExactly(new Violation("/configuration", "must be an object"));
        assertThat(validator.validate(provider("slack"), "settings", NullNode.getInstance()))
                .containsExactly(new Violation("/settings", "must be an object"));
    }

    @Test
    void pagerdutyAccountWithoutEnabledIsRejected() {
        assertThat(errors("pagerduty", "configuration", "{'accounts': [{'enabled': true}, {'subdomain': 'acme'}]}"))
                .containsExactly(new Violation("/configuration/accounts/1/enabled", "is required"));
        // accounts is optional (an integration may start with an empty configuration) and defaults to [].
        assertThat(errors("pagerduty", "configuration", "{}")).isEmpty();
    }

    @Test
    void requiredFieldsOfEveryShapeAreReported() {
        assertThat(errors("bitbucket-cloud", "configuration", "{}"))
                .containsExactly(new Violation("/configuration/workspace", "is required"));
        assertThat(errors("mantisbt", "configuration", "{'project_ids': [3]}"))
                .containsExactly(new Violation("/configuration/base_url", "is required"));
        assertThat(errors("docker-hub", "configuration", "{}"))
                .containsExactly(new Violation("/configuration/namespace", "is required"));
        assertThat(errors("jira", "configuration", "{'enabled_projects': [{}]}")).containsExactly(
                new Violation("/configuration/enabled_projects/0/account_id", "is required"),
                new Violation("/configuration/enabled_projects/0/hostname", "is required"),
                new Violation("/configuration/enabled_projects/0/project_key", "is required"));
        assertThat(errors("harbor", "credentials", "{'hostname': 'h.io'}")).containsExactly(
                new Violation("/credentials/password", "is required"),
                new Violation("/credentials/username", "is required"));
        // Not given at all (Java null) is checked as {}: what is required is reported.
        assertThat(validator.validate(provider("jira"), "credentials", null)).containsExactly(
                new Violation("/credentials/api_token", "is required"),
                new Violation("/credentials/email", "is required"));
    }

    @Test
    void formatsPatternsAndRangesAreChecked() {
        assertThat(errors("github", "configuration", "{'api_base_url': 'ftp://github.com', 'enabled_repos': []}"))
                .containsExactly(new Violation("/configuration/api_base_url",
                                "must be a valid http(s) URL without user:password@ or #fragment"),
                        new Violation("/configuration/api_base_url",
                                "must match pattern ^https?://[^\\s/?#]+([/?#][^\\s]*)?$"));
        assertThat(errors("discord", "credentials", "{'webhook_url': 'ftp://discord.com/api/webhooks/1/a'}"))
                .extracting(Violation::path).containsOnly("/credentials/webhook_url");
        assertThat(errors("jira", "credentials", "{'email': 'not-an-email', 'api_token': 't'}"))
                .containsExactly(new Violation("/credentials/email", "must be a valid email address"));
        assertThat(errors("jira", "configuration",
                "{'enabled_projects': [{'hostname': 'x.atlassian.net', 'account_id': '1', 'project_key': 'lower'}]}"))
                .extracting(Violation::path).containsExactly("/configuration/enabled_projects/0/project_key");
        assertThat(errors("quay", "credentials", "{'hostname': 'https://quay.io/v2', 'username': 'u', 'password': 'p'}"))
                .extracting(Violation::path).containsExactly("/credentials/hostname");
        assertThat(errors("github", "credentials", "{'token': ''}"))
                .containsExactly(new Violation("/credentials/token", "must be at least 1 characters long"));
        assertThat(errors("github", "settings", "{'auto_dep_upgrade_limit': -1, 'auto_dep_upgrade_ignored_dependencies': ['a', 'a']}"))
                .containsExactly(
                        new Violation("/settings/auto_dep_upgrade_ignored_dependencies", "must not contain duplicate items"),
                        new Violation("/settings/auto_dep_upgrade_limit", "must be at least 0"));
    }

    @Test
    void scmSettingsEnumsAndManualAssignment() {
        assertThat(errors("github", "settings",
                "{'pull_request_assignment': {'type': 'sometimes'}, 'auto_remediation_prs': {'backlog_pr_strategy': 'all'}}"))
                .containsExactly(
                        new Violation("/settings/auto_remediation_prs/backlog_pr_strategy", "must be one of: vuln, dependency"),
                        new Violation("/settings/pull_request_assignment/type", "must be one of: manual, auto"));
        // Manual assignment that is enabled must name someone.
        assertThat(errors("gitlab", "settings", "{'pull_request_assignment': {'enabled': true, 'type': 'manual'}}"))
                .containsExactly(new Violation("/settings/pull_request_assignment/assignees", "is required"));
        assertThat(errors("gitlab", "settings", "{'pull_request_assignment': {'enabled': true, 'type': 'manual', 'assignees': []}}"))
                .containsExactly(new Violation("/settings/pull_request_assignment/assignees", "must have at least 1 item"));
        assertThat(errors("gitlab", "settings", "{'pull_request_assignment': {'enabled': false, 'type': 'manual'}}")).isEmpty();
        assertThat(errors("docker-hub", "settings", "{'container_app_scan_enabled': 'yes'}"))
                .containsExactly(new Violation("/settings/container_app_scan_enabled", "must be a boolean"));
    }

    @Test
    void violationsAreSortedByPointer() {
        List<Violation> found = errors("github", "configuration",
                "{'zeta': 1, 'enabled_repos': [{'repo_name': 5}, {}], 'alpha': 2, 'api_base_url': 7}");
        List<String> pointers = new ArrayList<>(found.stream().map(Violation::path).toList());
        assertThat(pointers).isSorted().hasSizeGreaterThan(6);
        assertThat(errors("github", "configuration", "{'zeta': 1, 'enabled_repos': [{'repo_name': 5}, {}], 'alpha': 2, 'api_base_url': 7}"))
                .isEqualTo(found);
    }

    @Test
    void unknownSectionIsAProgrammingError() {
        assertThatThrownBy(() -> validator.validate(provider("github"), "secrets", json("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- secrets never echoed ---------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("providerIds")
    void noDetailRepeatsASubmittedSecret(String id) {
        ProviderDescriptor p = provider(id);
        String secret = "S3cr3tValue-" + id;
        // Secrets as wrong types, too long, malformed, unknown fields; plus every non-secret field wrong.
        ObjectNode tooLong = JSON.createObjectNode();
        ObjectNode malformed = JSON.createObjectNode();
        ObjectNode wrongType = JSON.createObjectNode();
        for (String field : p.credentialsSchema().path("properties").properties().stream().map(Map.Entry::getKey).toList()) {
            tooLong.put(field, secret + "x".repeat(20_000));
            malformed.put(field, "http://" + secret + " with spaces");
            wrongType.putArray(field).add(secret);
        }
        malformed.put("unexpected", secret);
        List<Violation> all = new ArrayList<>();
        for (JsonNode credentials : List.of(tooLong, malformed, wrongType)) {
            List<Violation> found = validator.validate(p, "credentials", credentials);
            assertThat(found).as(id).isNotEmpty();
            all.addAll(found);
        }
        all.addAll(validator.validate(p, "configuration", json("{'api_base_url': 'http://" + secret + " x', 'base_url': '"
                + secret + "', 'namespace': '" + secret + " !', 'workspace': ' " + secret + "'}")));
        for (Violation error : all) {
            assertThat(error.detail()).as(id).doesNotContain(secret);
            assertThat(error.path()).as(id).doesNotContain(secret);
        }
    }

    @Test
    void aHugeValueIsRejectedWithoutStackOverflow() {
        // Patterns use bounded, unambiguous repetition: a near-1 MiB value neither overflows the regex stack nor backtracks.
        String hostname = "a.".repeat(400_000) + "io";
        List<Violation> found = errors("acr", "credentials",
                "{'hostname': '" + hostname + "', 'username': 'u', 'password': 'p'}");
        assertThat(found).extracting(Violation::path).containsOnly("/credentials/hostname");
        String url = "https://" + "a".repeat(900_000) + " ";
        assertThat(errors("teams", "credentials", "{'webhook_url': '" + url + "'}"))
                .extracting(Violation::path).containsOnly("/credentials/webhook_url");
    }

    // ---- defaults ---------------------------------------------------------------------------

    @Test
    void settingsDefaultsFillEveryMissingPropertyIncludingNestedOnes() {
        ObjectNode given = (ObjectNode) json("{'auto_dep_upgrade_limit': 5, 'pull_request_assignment': {'enabled': true}, "
                + "'auto_remediation_prs': {'fresh_prs_enabled': false}}");
        String before = given.toString();
        ObjectNode filled = validator.withSettingsDefaults(provider("github"), given);
        assertThat(given.toString()).as("input untouched").isEqualTo(before);
        assertThat(filled).isEqualTo(json("{'auto_dep_upgrade_enabled': false, 'auto_dep_upgrade_limit': 5, "
                + "'auto_dep_upgrade_min_age': 21, 'auto_dep_upgrade_ignored_dependencies': [], "
                + "'pull_request_test_enabled': true, 'pull_request_fail_on_any_vulns': false, "
                + "'pull_request_fail_only_for_high_severity': true, "
                + "'pull_request_assignment': {'enabled': true, 'type': 'auto', 'assignees': []}, "
                + "'auto_remediation_prs': {'backlog_prs_enabled': false, 'backlog_pr_strategy': 'vuln', 'fresh_prs_enabled': false, 'use_patch_remediation': false}, "
                + "'manual_remediation_prs': {'use_manual_patch_remediation': false}, 'dockerfile_scm_enabled': true}"));
    }

    @Test
    void settingsDefaultsOfEveryKindOfProvider() {
        assertThat(validator.withSettingsDefaults(provider("bitbucket-cloud"), null).get("pull_request_assignment"))
                .isEqualTo(json("{'enabled': false, 'type': 'auto', 'assignees': []}"));
        for (String id : List.of("ecr", "docker-hub", "acr", "gcr", "harbor", "quay", "artifactory")) {
            assertThat(validator.withSettingsDefaults(provider(id), json("{}")))
                    .as(id).isEqualTo(json("{'container_app_scan_enabled': true}"));
        }
        assertThat(validator.withSettingsDefaults(provider("ecr"), json("{'container_app_scan_enabled': false}")))
                .isEqualTo(json("{'container_app_scan_enabled': false}"));
        for (String id : List.of("jira", "mantisbt", "slack", "discord", "teams", "pagerduty")) {
            assertThat(validator.withSettingsDefaults(provider(id), json("{}"))).as(id).isEmpty();
        }
        assertThatThrownBy(() -> validator.withSettingsDefaults(provider("github"), json("[1]")))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void configurationDefaultsFillApiBaseUrls() {
        assertThat(validator.withConfigurationDefaults(provider("github"), json("{'enabled_repos': []}")))
                .isEqualTo(json("{'enabled_repos': [], 'api_base_url': 'https://api.github.com'}"));
        assertThat(validator.withConfigurationDefaults(provider("gitlab"), null))
                .isEqualTo(json("{'api_base_url': 'https://gitlab.com/api/v4'}"));
        assertThat(validator.withConfigurationDefaults(provider("gitlab"), json("{'api_base_url': 'https://git.acme.io/api/v4'}")))
                .isEqualTo(json("{'api_base_url': 'https://git.acme.io/api/v4'}"));
        assertThat(validator.withConfigurationDefaults(provider("pagerduty"), json("{'accounts': [{'enabled': true}]}")))
                .isEqualTo(json("{'accounts': [{'enabled': true}]}"));
    }

    @Test
    void servedCredentialSchemasMarkSecrets() {
        assertThat(provider("discord").credentialsSchema().at("/properties/webhook_url/x-secret").asBoolean()).isTrue();
    }
}
