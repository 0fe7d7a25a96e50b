package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.integrationshub.common.json.JsonCustomizer;
import io.integrationshub.integrations.IntegrationViews.BrokerView;
import io.integrationshub.integrations.IntegrationViews.CreatedView;
import io.integrationshub.integrations.IntegrationViews.CredentialsView;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.integrations.IntegrationViews.StatusView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written view serialiser against Jackson's own bean serialiser with the service's settings. */
class IntegrationViewSerializerTest {
    /** Takes the view's {@code @JsonSerialize} away, so that the mapper falls back to its bean serialiser. */
    @JsonSerialize(using = JsonSerializer.None.class)
    interface BeanSerialised {
    }

    private static ObjectMapper mapper(boolean handWritten) {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new JsonCustomizer().customize(mapper);
        if (!handWritten) {
            mapper.addMixIn(IntegrationView.class, BeanSerialised.class);
        }
        return mapper;
    }

    private final ObjectMapper handWritten = mapper(true);
    private final ObjectMapper bean = mapper(false);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void writesWhatTheBeanSerialiserWritesByteForByte() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            IntegrationView view = randomView();
            assertThat(handWritten.writeValueAsString(view)).isEqualTo(bean.writeValueAsString(view));
            CreatedView created = new CreatedView(view, random.nextBoolean() ? null : "brk_" + i);
            assertThat(handWritten.writeValueAsString(created)).isEqualTo(bean.writeValueAsString(created));
            List<IntegrationView> page = List.of(view, randomView());
            assertThat(handWritten.writeValueAsString(page)).isEqualTo(bean.writeValueAsString(page));
        }
    }

    @Test
    void aStoredConfigurationIsWrittenAsTheTextPostgreSqlGave() throws Exception {
        String stored = "{\"api_base_url\": \"https://api.github.com\", \"enabled_repos\": []}";
        IntegrationView view = new IntegrationView(UUID.randomUUID(), UUID.randomUUID(), "github", "gh", "repository", true,
                JsonNodeFactory.instance.rawValueNode(new RawValue(stored)), new CredentialsView(false, List.of(), null),
                new BrokerView(false, null, false, null), null, new StatusView("unknown", null, null, null, null),
                Instant.EPOCH, Instant.EPOCH, 1);
        String json = handWritten.writeValueAsString(view);
        assertThat(json).contains("\"configuration\":" + stored + ",");
        assertThat(handWritten.readTree(json).get("configuration")).isEqualTo(handWritten.readTree(stored));
    }

    private IntegrationView randomView() {
        return new IntegrationView(UUID.randomUUID(), maybe(UUID.randomUUID()), text(), maybe(text()), text(), random.nextBoolean(),
                maybe(configuration()),
                maybe(new CredentialsView(random.nextBoolean(), random.nextBoolean() ? null : List.of(text(), text()), maybe(instant()))),
                maybe(new BrokerView(random.nextBoolean(), maybe(text()), random.nextBoolean(), maybe(instant()))),
                maybe(random.nextInt(15, 10_081)),
                maybe(new StatusView(text(), maybe(instant()), maybe(UUID.randomUUID()), maybe(text()), maybe(instant()))),
                maybe(instant()), maybe(instant()), random.nextInt(1, 1_000_000));
    }

    private JsonNode configuration() {
        var node = JsonNodeFactory.instance.objectNode().put("url", text()).put("n", random.nextInt());
        node.putArray("list").add(text()).add(random.nextBoolean()).addNull();
        return node;
    }

    private <T> T maybe(T value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private String text() {
        String[] samples = {"github", "gh-1", "repo \"quoted\"", "ünïcødé ✓", "tab\tand\nnewline", "", "a/b\\c", "\u2028"};
        return samples[random.nextInt(samples.length)] + random.nextInt(100);
    }

    private Instant instant() {
        return Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
    }
}
