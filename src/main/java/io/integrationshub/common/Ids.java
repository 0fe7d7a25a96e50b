package io.integrationshub.common;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.integrationshub.common.error.ApiException;

import java.util.UUID;

/** Service-generated ids are time-ordered UUIDv7, so that newer rows sort after older ones. */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** 8-4-4-4-12 hex digits, either case; checked by hand since it runs for every id in every request path. */
    public static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Parses an id taken from the request (path or query); a malformed one is a 400 naming the parameter. */
    public static UUID parameter(String parameter, String text) {
        if (!isUuid(text)) {
            throw ApiException.badParameter(parameter, "must be a UUID");
        }
        return UUID.fromString(text);
    }
}
