package io.integrationshub.common;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    @Test
    void aUuidIsEightFourFourFourTwelveHexDigitsInEitherCase() {
        String id = UUID.randomUUID().toString();
        assertThat(Ids.isUuid(id)).isTrue();
        assertThat(Ids.isUuid(id.toUpperCase())).isTrue();
        assertThat(Ids.isUuid(Ids.newId().toString())).isTrue();
        assertThat(Ids.isUuid(null)).isFalse();
        assertThat(Ids.isUuid("")).isFalse();
        assertThat(Ids.isUuid(id.substring(1))).isFalse();
        assertThat(Ids.isUuid(id + "0")).isFalse();
        assertThat(Ids.isUuid(id.replace('-', '0'))).isFalse();
        assertThat(Ids.isUuid("0" + id.substring(0, 8) + id.substring(9))).isFalse();
        assertThat(Ids.isUuid(id.substring(0, 35) + "g")).isFalse();
        assertThat(Ids.isUuid("{" + id.substring(1, 35) + "}")).isFalse();
    }

    @Test
    void agreesWithTheRegularExpressionOnEveryCharacterInEveryPosition() {
        String id = "0123abcd-4567-89ef-ABCD-0123456789ef";
        for (int at = 0; at < id.length(); at++) {
            for (char c = 0; c < 256; c++) {
                String text = id.substring(0, at) + c + id.substring(at + 1);
                assertThat(Ids.isUuid(text)).as("%s", text).isEqualTo(UUID_TEXT.matcher(text).matches());
            }
        }
    }
}
