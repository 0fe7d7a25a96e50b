package io.integrationshub.common.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedMethodsTest {

    @Test
    void aPlainParameterIsOneSegment() {
        var table = AllowedMethods.Table.ofTemplates(Map.of(
                "/v1/things/{id}", List.of("GET", "DELETE"),
                "/v1/things/{id}/parts", List.of("POST")));
        assertThat(table.allowed("/v1/things/42")).containsExactly("GET", "HEAD", "DELETE", "OPTIONS");
        assertThat(table.allowed("/v1/things/42/")).containsExactly("GET", "HEAD", "DELETE", "OPTIONS");
        assertThat(table.allowed("/v1/things/42/parts")).containsExactly("POST", "OPTIONS");
        assertThat(table.allowed("/v1/things/4/2")).isEmpty();
        assertThat(table.allowed("/v1/things/")).isEmpty();
        assertThat(table.allowed("/v1/things/42/parts/7")).isEmpty();
    }

    @Test
    void aParameterWithARegexMatchesOnlyWhatTheRegexDoes() {
        var table = AllowedMethods.Table.ofTemplates(Map.of(
                "/v1/items/{id: [0-9]{1,3}}", List.of("GET"),
                "/v1/files/{path: .+}", List.of("PUT"),
                "/v1/x.y/{name}", List.of("PATCH")));
        assertThat(table.allowed("/v1/items/123")).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(table.allowed("/v1/items/1234")).isEmpty();
        assertThat(table.allowed("/v1/items/abc")).isEmpty();
        assertThat(table.allowed("/v1/files/a/b/c")).containsExactly("PUT", "OPTIONS");
        assertThat(table.allowed("/v1/x.y/z")).containsExactly("PATCH", "OPTIONS");
        assertThat(table.allowed("/v1/xzy/z")).as("literal dots are literal").isEmpty();
    }

    @Test
    void pathsMatchingSeveralTemplatesUniteTheirMethods() {
        var table = AllowedMethods.Table.ofTemplates(Map.of(
                "/v1/a/{id}", List.of("GET"),
                "/v1/a/special", List.of("POST", "CUSTOM")));
        assertThat(table.allowed("/v1/a/special")).containsExactly("GET", "HEAD", "POST", "OPTIONS", "CUSTOM");
        assertThat(table.allowed("/v1/a/other")).containsExactly("GET", "HEAD", "OPTIONS");
    }

    @Test
    void templatesAreJoinedWithOneSlash() {
        assertThat(AllowedMethods.Table.join("/", "/v1/a")).isEqualTo("/v1/a");
        assertThat(AllowedMethods.Table.join("/v1/a", "/")).isEqualTo("/v1/a");
        assertThat(AllowedMethods.Table.join("/v1/a/", "{id}")).isEqualTo("/v1/a/{id}");
        assertThat(AllowedMethods.Table.join("/v1/a", "")).isEqualTo("/v1/a");
        assertThat(AllowedMethods.Table.join("", "")).isEqualTo("/");
    }

    @Test
    void anUnbalancedTemplateIsRefused() {
        assertThatThrownBy(() -> AllowedMethods.PathTemplates.regex("/v1/{id")).isInstanceOf(IllegalArgumentException.class);
    }
}
