package io.integrationshub.sync.adapters;

import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8288 Link headers as GitHub and registries send them. */
class LinkHeaderTest {
    static final Call CALL = Call.get("github", URI.create("https://api.github.com/user/repos?per_page=100"), Map.of());

    @Test
    void findsRelNextAmongOtherRels() {
        assertThat(LinkHeader.nextTarget("<https://api.github.com/user/repos?per_page=100&page=2>; rel=\"next\", "
                + "<https://api.github.com/user/repos?per_page=100&page=5>; rel=\"last\""))
                .isEqualTo("https://api.github.com/user/repos?per_page=100&page=2");
        assertThat(LinkHeader.nextTarget("<https://x/?page=1>; rel=\"prev\", <https://x/?page=3>; rel=\"next\""))
                .isEqualTo("https://x/?page=3");
    }

    @Test
    void acceptsUnquotedAndMultiValuedRelsAndExtraParameters() {
        assertThat(LinkHeader.nextTarget("</v2/_catalog?last=a&n=100>; rel=next")).isEqualTo("/v2/_catalog?last=a&n=100");
        assertThat(LinkHeader.nextTarget("<https://x/2>; title=\"page two\"; REL=\"prefetch next\"")).isEqualTo("https://x/2");
    }

    @Test
    void noNextIsNull() {
        assertThat(LinkHeader.nextTarget(null)).isNull();
        assertThat(LinkHeader.nextTarget("")).isNull();
        assertThat(LinkHeader.nextTarget("<https://x/?page=1>; rel=\"prev\", <https://x/?page=1>; rel=\"first\"")).isNull();
        assertThat(LinkHeader.nextTarget("garbage")).isNull();
    }

    @Test
    void followsOnlyTheSameOrigin() {
        assertThat(LinkHeader.sameOrigin(CALL, URI.create("https://api.github.com:443/user/repos?page=2")))
                .isEqualTo(URI.create("https://api.github.com:443/user/repos?page=2"));
        for (String other : new String[] {"http://api.github.com/user/repos", "https://evil.test/user/repos",
                "https://api.github.com:8443/user/repos", "/relative"}) {
            assertThatThrownBy(() -> LinkHeader.sameOrigin(CALL, URI.create(other)))
                    .isInstanceOf(ProviderFailure.class)
                    .hasMessage("github pagination on GET /user/repos pointed to another host; not followed");
        }
    }
}
