package io.integrationshub.notifications;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The first 1 KiB of a response body as text: whole UTF-8 characters only, never more than 1024 bytes. */
final class Excerpts {
    static final int MAX_BYTES = 1024;

    private Excerpts() {
    }

    static String of(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("?");
        CharBuffer chars = CharBuffer.allocate(MAX_BYTES);
        // Decoding stops at a character cut by the limit rather than emitting a replacement for it.
        decoder.decode(ByteBuffer.wrap(body, 0, Math.min(body.length, MAX_BYTES)), chars, body.length <= MAX_BYTES);
        chars.flip();
        // PostgreSQL text cannot hold NUL.
        String text = chars.toString().replace('\u0000', '?');
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
