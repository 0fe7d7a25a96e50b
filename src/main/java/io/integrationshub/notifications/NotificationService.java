package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.common.db.HardDelete;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versions;
import io.integrationshub.notifications.NotificationRequests.Fields;
import io.integrationshub.notifications.NotificationViews.NotificationIntegrationView;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.integrationshub.secrets.SecretCipher;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Notification integrations of a project (API.md 10): URL sealed per row, webhook secrets shown once. */
@ApplicationScoped
public class NotificationService {
    static final String TARGET = "notification_integration";

    private final NotificationIntegrationRepository integrations;
    private final ProjectAccess projects;
    private final WebhookUrls urls;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final DeliveryJobs jobs;
    private final NotificationsConfig config;

    public NotificationService(NotificationIntegrationRepository integrations, ProjectAccess projects, WebhookUrls urls,
            SecretCipher cipher, AuditLog audit, DeliveryJobs jobs, NotificationsConfig config) {
        this.integrations = integrations;
        this.projects = projects;
        this.urls = urls;
        this.cipher = cipher;
        this.audit = audit;
        this.jobs = jobs;
        this.config = config;
    }

    @WithTransaction
    public Uni<NotificationIntegrationView> create(Caller caller, UUID projectId, JsonNode body) {
        return projects.require(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            Fields fields = NotificationRequests.parse(body, true);
            if (fields.channelGiven() && fields.channel() != null && !NotificationIntegration.SLACK.equals(fields.type())) {
                throw Invalid.of("/configuration/channel", "is only for slack integrations");
            }
            URI url = urls.parse("/configuration/url", fields.url());
            return urls.checkDestination("/configuration/url", url).flatMap(checked -> {
                NotificationIntegration i = new NotificationIntegration();
                i.id = Ids.newId();
                i.projectId = project.id;
                i.organisationId = project.organisationId;
                i.type = fields.type();
                i.enabled = fields.enabled() == null || fields.enabled();
                i.channel = fields.channel();
                i.events = NotificationRequests.eventsOnCreate(fields.events());
                sealUrl(i, checked);
                String secret = null;
                if (i.isWebhook()) {
                    secret = WebhookSignature.newSecret();
                    SecretCipher.Sealed sealed = cipher.seal(secret, NotificationIntegration.SECRET_CONTEXT, i.id);
                    i.signingSecretCiphertext = sealed.ciphertext();
                    i.signingSecretKeyId = sealed.keyId();
                }
                i.createdAt = Times.now();
                i.updatedAt = i.createdAt;
                i.version = 1;
                String revealed = secret;
                Changes changes = Changes.of().field("type", null, i.type).field("enabled", null, i.enabled)
                        .secret("url", false, true).field("url_masked", null, i.urlMasked)
                        .field("channel", null, i.channel).field("events", null, i.events);
                if (i.isWebhook()) {
                    changes.secret("signing_secret", false, true);
                }
                return integrations.persist(i).call(integrations::flush)
                        .call(saved -> audit.record(caller, i.organisationId, "notification_integration.created", TARGET,
                                i.id, changes))
                        .map(saved -> NotificationIntegrationView.of(saved, revealed));
            });
        });
    }

    @WithSession
    public Uni<PageResponse<NotificationIntegrationView>> list(Caller caller, UUID projectId, PageRequest page) {
        return projects.require(caller, projectId, ProjectRight.READ)
                .flatMap(project -> integrations.page(projectId, page))
                .map(rows -> PageResponse.of(page, rows, i -> i.createdAt, i -> i.id, NotificationIntegrationView::of));
    }

    @WithSession
    public Uni<NotificationIntegrationView> get(Caller caller, UUID projectId, UUID id) {
        return projects.require(caller, projectId, ProjectRight.READ)
                .flatMap(project -> find(projectId, id))
                .map(NotificationIntegrationView::of);
    }

    @WithTransaction
    public Uni<NotificationIntegrationView> update(Caller caller, UUID projectId, UUID id, String ifMatch, JsonNode body) {
        return projects.require(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            Fields fields = NotificationRequests.parse(body, false);
            URI url = fields.url() == null ? null : urls.parse("/configuration/url", fields.url());
            Uni<URI> checked = url == null ? Uni.createFrom().nullItem() : urls.checkDestination("/configuration/url", url);
            return checked.flatMap(newUrl -> findForUpdate(projectId, id, ifMatch).flatMap(i -> {
                if (fields.channelGiven() && fields.channel() != null && !NotificationIntegration.SLACK.equals(i.type)) {
                    throw Invalid.of("/configuration/channel", "is only for slack integrations");
                }
                Changes changes = Changes.of();
                if (fields.enabled() != null) {
                    changes.field("enabled", i.enabled, fields.enabled());
                    i.enabled = fields.enabled();
                }
                if (newUrl != null) {
                    changes.secret("url", true, true);
                    String before = i.urlMasked;
                    sealUrl(i, newUrl);
                    changes.field("url_masked", before, i.urlMasked);
                }
                if (fields.channelGiven()) {
                    changes.field("channel", i.channel, fields.channel());
                    i.channel = fields.channel();
                }
                if (fields.events() != null) {
                    ObjectNode events = NotificationRequests.eventsOnUpdate(i.events, fields.events());
                    changes.field("events", i.events, events);
                    i.events = events;
                }
                return save(caller, i, "notification_integration.updated", changes).map(NotificationIntegrationView::of);
            }));
        });
    }

    /** Hard delete with its deliveries (cascade) and their queued jobs; running ones are asked to stop. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID projectId, UUID id, String ifMatch) {
        return projects.require(caller, projectId, ProjectRight.EDIT)
                .flatMap(project -> findForUpdate(projectId, id, ifMatch))
                .flatMap(i -> jobs.deletePendingOfIntegration(i.id)
                        .call(() -> HardDelete.byId(NotificationIntegration.class, i.id, i))
                        .call(integrations::flush)
                        .call(() -> audit.record(caller, i.organisationId, "notification_integration.deleted", TARGET, i.id,
                                Changes.of().field("type", i.type, null).field("url_masked", i.urlMasked, null)))
                        .replaceWithVoid());
    }

    /**
     * A new signing secret, shown once in the answer; the current one becomes the previous secret and
     * keeps signing alongside for {@code hub.notifications.previous-secret-ttl} (a previous one before it is dropped).
     */
    @WithTransaction
    public Uni<NotificationIntegrationView> rotateSecret(Caller caller, UUID projectId, UUID id) {
        return projects.require(caller, projectId, ProjectRight.EDIT)
                .flatMap(project -> findForUpdate(projectId, id, null))
                .flatMap(i -> {
                    if (!i.isWebhook()) {
                        throw Invalid.because("only webhook integrations have a signing secret");
                    }
                    String current = cipher.open(i.signingSecretCiphertext, NotificationIntegration.SECRET_CONTEXT, i.id);
                    SecretCipher.Sealed previous = cipher.seal(current, NotificationIntegration.PREVIOUS_SECRET_CONTEXT, i.id);
                    i.previousSecretCiphertext = previous.ciphertext();
                    i.previousSecretKeyId = previous.keyId();
                    i.previousSecretExpiresAt = Times.now().plus(config.previousSecretTtl());
                    String secret = WebhookSignature.newSecret();
                    SecretCipher.Sealed sealed = cipher.seal(secret, NotificationIntegration.SECRET_CONTEXT, i.id);
                    i.signingSecretCiphertext = sealed.ciphertext();
                    i.signingSecretKeyId = sealed.keyId();
                    Changes changes = Changes.of().secret("signing_secret", true, true)
                            .secret("previous_signing_secret", false, true)
                            .field("previous_secret_expires_at", null, i.previousSecretExpiresAt.toString());
                    return save(caller, i, "notification_integration.secret_rotated", changes)
                            .map(saved -> NotificationIntegrationView.of(saved, secret));
                });
    }

    Uni<NotificationIntegration> find(UUID projectId, UUID id) {
        return integrations.findInProject(projectId, id)
                .onItem().ifNull().failWith(() -> new NotFound("no such notification integration"));
    }

    private Uni<NotificationIntegration> findForUpdate(UUID projectId, UUID id, String ifMatch) {
        return Versions.matching(integrations.findInProjectForUpdate(projectId, id),
                "no such notification integration", ifMatch, i -> i.version);
    }

    private Uni<NotificationIntegration> save(Caller caller, NotificationIntegration i, String action, Changes changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(i);
        }
        i.touch();
        return integrations.flush()
                .call(() -> audit.record(caller, i.organisationId, action, TARGET, i.id, changes))
                .replaceWith(i);
    }

    private void sealUrl(NotificationIntegration i, URI url) {
        SecretCipher.Sealed sealed = cipher.seal(url.toString(), NotificationIntegration.URL_CONTEXT, i.id);
        i.urlCiphertext = sealed.ciphertext();
        i.urlKeyId = sealed.keyId();
        i.urlMasked = WebhookUrls.mask(url);
    }
}
