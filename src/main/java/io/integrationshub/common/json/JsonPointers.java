package io.integrationshub.common.json;

/** JSON Pointers (RFC 6901) into request bodies. */
public final class JsonPointers {
    private JsonPointers() {
    }

    /** The pointer to member {@code name} of the object at {@code parent} ("" for the body itself). */
    public static String member(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
