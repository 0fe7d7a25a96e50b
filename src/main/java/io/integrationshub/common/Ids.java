package io.integrationshub.common;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.integrationshub.common.error.ApiException;

import java.util.UUID;
import java.util.regex.Pattern;

/** Service-generated ids are time-ordered UUIDv7, so that newer rows sort after older ones. */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    public static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    /** Parses an id taken from the request (path or query); a malformed one is a 400 naming the parameter. */
    public static UUID parameter(String parameter, String text) {
        if (!isUuid(text)) {
            throw ApiException.badParameter(parameter, "must be a UUID");
        }
        return UUID.fromString(text);
    }
}
