package io.integrationshub.projects;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A collaborator's role on one project (API.md 2) and the rights it grants there. */
public enum CollaboratorRole {
    OWNER("owner", EnumSet.allOf(ProjectRight.class)),
    CONTRIBUTOR("contributor", EnumSet.of(ProjectRight.READ, ProjectRight.EDIT)),
    VIEWER("viewer", EnumSet.of(ProjectRight.READ));

    public static final String WIRE_NAMES = "owner, contributor, viewer";

    public final String wireName;
    public final Set<ProjectRight> rights;

    CollaboratorRole(String wireName, Set<ProjectRight> rights) {
        this.wireName = wireName;
        this.rights = Set.copyOf(rights);
    }

    public static Optional<CollaboratorRole> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
