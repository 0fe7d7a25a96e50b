package io.integrationshub.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The permissions of API.md section 2, by their wire names. */
public enum Permission {
    ORG_READ("org.read"),
    ORG_INTEGRATION_READ("org.integration.read"),
    ORG_INTEGRATION_EDIT("org.integration.edit"),
    ORG_MANAGE("org.manage"),
    ORG_PROJECT_READ("org.project.read"),
    ORG_PROJECT_EDIT("org.project.edit"),
    PLATFORM_ADMIN("platform.admin");

    public final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    /** Permissions that can be held within one organisation (platform.admin comes only from the groups claim). */
    public static Set<Permission> organisationPermissions() {
        return EnumSet.complementOf(EnumSet.of(PLATFORM_ADMIN));
    }
}
