package io.integrationshub.apitokens;

import io.integrationshub.apitokens.ApiTokenViews.ApiTokenView;
import io.integrationshub.apitokens.ApiTokenViews.CreateApiToken;
import io.integrationshub.apitokens.ApiTokenViews.CreatedApiToken;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.auth.Role;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.db.HardDelete;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versions;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.orgs.OrganisationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** API tokens of an organisation (API.md 3): managed by users with org.manage, never by tokens. */
@ApplicationScoped
public class ApiTokenService {
    private final ApiTokenRepository tokens;
    private final OrganisationService organisations;
    private final AccessControl access;
    private final AuditLog audit;

    public ApiTokenService(ApiTokenRepository tokens, OrganisationService organisations, AccessControl access,
            AuditLog audit) {
        this.tokens = tokens;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<CreatedApiToken> create(Caller caller, UUID organisationId, CreateApiToken body) {
        authorise(caller, organisationId);
        List<String> permissions = validate(body);
        requireNoEscalation(caller, organisationId, body.role(), permissions);
        return organisations.requireExisting(organisationId).flatMap(org -> {
            String secret = ApiTokenSecrets.mint(ApiTokenSecrets.PREFIX);
            ApiToken token = new ApiToken();
            token.id = Ids.newId();
            token.organisationId = org.id;
            token.name = body.name().trim();
            token.role = body.role();
            token.permissions = permissions;
            token.tokenHash = ApiTokenSecrets.hash(secret);
            token.tokenHint = ApiTokenSecrets.hint(secret);
            token.expiresAt = body.expiresAt() == null ? null : body.expiresAt().toInstant().truncatedTo(ChronoUnit.MILLIS);
            token.createdBy = caller.id();
            token.createdAt = Times.now();
            Changes changes = Changes.of().field("name", null, token.name).field("role", null, token.role)
                    .field("permissions", null, token.permissions)
                    .field("expires_at", null, io.integrationshub.common.json.JsonCustomizer.format(token.expiresAt))
                    .secret("token", false, true);
            return tokens.persist(token)
                    .call(saved -> audit.record(caller, org.id, "api_token.created", "api_token", saved.id, changes))
                    .map(saved -> CreatedApiToken.of(saved, secret));
        });
    }

    @WithSession
    public Uni<PageResponse<ApiTokenView>> list(Caller caller, UUID organisationId, PageRequest page) {
        authorise(caller, organisationId);
        return organisations.requireExisting(organisationId)
                .flatMap(org -> tokens.page(organisationId, page))
                .map(rows -> PageResponse.of(page, rows, t -> t.createdAt, t -> t.id, ApiTokenView::of));
    }

    @WithTransaction
    public Uni<Void> revoke(Caller caller, UUID organisationId, UUID tokenId, String ifMatch) {
        authorise(caller, organisationId);
        return tokens.findInOrganisation(organisationId, tokenId).flatMap(token -> {
            if (token == null) {
                return Uni.createFrom().failure(new NotFound("no such API token"));
            }
            Versions.checkIfMatchUnversioned(ifMatch);
            return HardDelete.byId(ApiToken.class, token.id, token)
                    .call(() -> audit.record(caller, organisationId, "api_token.revoked", "api_token", token.id,
                            Changes.of().field("name", token.name, null).secret("token", true, false)))
                    .replaceWithVoid();
        });
    }

    /** A token may carry at most the permissions its creator holds in the organisation. */
    private static void requireNoEscalation(Caller caller, UUID organisationId, String role, List<String> permissions) {
        Set<Permission> held = caller.organisations().getOrDefault(organisationId, Set.of());
        if (!held.containsAll(ApiToken.grantOf(role, permissions))) {
            throw new Forbidden("an API token cannot be granted permissions its creator does not hold");
        }
    }

    @WithSession
    public Uni<ApiTokenView> get(Caller caller, UUID organisationId, UUID tokenId) {
        authorise(caller, organisationId);
        return tokens.findInOrganisation(organisationId, tokenId)
                .onItem().ifNull().failWith(() -> new NotFound("no such API token"))
                .map(ApiTokenView::of);
    }

    /** org.manage, and a user: API tokens never manage API tokens. */
    public void authorise(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_MANAGE);
        access.requireUser(caller, "manage API tokens");
    }

    private static List<String> validate(CreateApiToken body) {
        FieldCheck check = FieldCheck.of(body).text("/name", body.name(), true, 100);
        List<String> permissions = null;
        if ((body.role() == null) == (body.permissions() == null)) {
            check.add("/role", "give exactly one of role or permissions");
        } else if (body.role() != null) {
            if (Role.fromWireName(body.role()).isEmpty()) {
                check.add("/role", "must be one of owner, admin, member, viewer");
            }
        } else {
            if (body.permissions().isEmpty()) {
                check.add("/permissions", "must name at least one permission");
            }
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (int i = 0; i < body.permissions().size(); i++) {
                String name = body.permissions().get(i);
                boolean known = name != null && Permission.fromWireName(name)
                        .filter(Permission.organisationPermissions()::contains).isPresent();
                if (!known) {
                    check.add("/permissions/" + i, "is not an organisation permission");
                } else {
                    names.add(name);
                }
            }
            permissions = new ArrayList<>(names);
        }
        if (body.expiresAt() != null && !body.expiresAt().toInstant().isAfter(Instant.now())) {
            check.add("/expires_at", "must be in the future");
        }
        check.orThrow();
        return permissions;
    }
}
