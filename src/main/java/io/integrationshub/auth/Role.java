package io.integrationshub.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.integrationshub.auth.Permission.*;

/** Organisation roles and the permissions each grants (API.md section 2). */
public enum Role {
    OWNER("owner", EnumSet.of(ORG_READ, ORG_INTEGRATION_READ, ORG_INTEGRATION_EDIT, ORG_MANAGE, ORG_PROJECT_READ, ORG_PROJECT_EDIT)),
    ADMIN("admin", EnumSet.of(ORG_READ, ORG_INTEGRATION_READ, ORG_INTEGRATION_EDIT, ORG_MANAGE, ORG_PROJECT_READ, ORG_PROJECT_EDIT)),
    MEMBER("member", EnumSet.of(ORG_READ, ORG_INTEGRATION_READ, ORG_PROJECT_READ, ORG_PROJECT_EDIT)),
    VIEWER("viewer", EnumSet.of(ORG_READ, ORG_INTEGRATION_READ, ORG_PROJECT_READ));

    public final String wireName;
    public final Set<Permission> permissions;

    Role(String wireName, Set<Permission> permissions) {
        this.wireName = wireName;
        this.permissions = Set.copyOf(permissions);
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    /** The permissions of the role with this wire name; an unknown name grants none. */
    public static Set<Permission> permissionsOf(String name) {
        return fromWireName(name).map(r -> r.permissions).orElse(Set.of());
    }
}
