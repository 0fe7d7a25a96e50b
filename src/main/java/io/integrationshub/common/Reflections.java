package io.integrationshub.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every class Jackson reads or writes by reflection, in one place (as registry.quarkus.io does), so that a
 * native image keeps their constructors, accessors and record components. Quarkus registers the types a
 * resource method names by itself, but not entities inside a Response or Uni&lt;Response&gt;, nor what the
 * idempotency store serialises; ReflectionsTest fails when a view, request or OpenAPI schema class is missing.
 * Problem bodies need none of this: ProblemJson writes them field by field.
 */
@RegisterForReflection(targets = {
        // io.integrationshub.apitokens
        io.integrationshub.apitokens.ApiTokenViews.CreateApiToken.class,
        io.integrationshub.apitokens.ApiTokenViews.ApiTokenView.class,
        io.integrationshub.apitokens.ApiTokenViews.CreatedApiToken.class,
        io.integrationshub.apitokens.ApiTokenViews.ApiTokenPage.class,
        // io.integrationshub.audit
        io.integrationshub.audit.AuditViews.Actor.class, io.integrationshub.audit.AuditViews.Target.class,
        io.integrationshub.audit.AuditViews.AuditEventView.class,
        io.integrationshub.audit.AuditViews.AuditEventPage.class,
        // io.integrationshub.broker
        io.integrationshub.broker.BrokerViews.BrokerUpdate.class,
        io.integrationshub.broker.BrokerViews.BrokerUpdated.class,
        io.integrationshub.broker.BrokerViews.ProvisionalToken.class,
        io.integrationshub.broker.BrokerViews.ConnectedIntegration.class,
        io.integrationshub.broker.BrokerViews.Connection.class,
        // io.integrationshub.common.error
        io.integrationshub.common.error.Problem.class, io.integrationshub.common.error.ProblemError.class,
        // io.integrationshub.common.page
        io.integrationshub.common.page.PageResponse.class,
        // io.integrationshub.integrations
        io.integrationshub.integrations.IntegrationViews.BrokerRequest.class,
        io.integrationshub.integrations.IntegrationViews.CreateIntegration.class,
        io.integrationshub.integrations.IntegrationViews.UpdateIntegration.class,
        io.integrationshub.integrations.IntegrationViews.ReplaceConfiguration.class,
        io.integrationshub.integrations.IntegrationViews.ReplaceCredentials.class,
        io.integrationshub.integrations.IntegrationViews.CloneIntegration.class,
        io.integrationshub.integrations.IntegrationViews.CredentialsView.class,
        io.integrationshub.integrations.IntegrationViews.BrokerView.class,
        io.integrationshub.integrations.IntegrationViews.StatusView.class,
        io.integrationshub.integrations.IntegrationViews.IntegrationView.class,
        io.integrationshub.integrations.IntegrationViews.CreatedView.class,
        io.integrationshub.integrations.IntegrationViews.ConfigurationView.class,
        io.integrationshub.integrations.IntegrationViews.SettingsView.class,
        io.integrationshub.integrations.IntegrationViews.ClonedView.class,
        io.integrationshub.integrations.IntegrationViews.ResourceView.class,
        io.integrationshub.integrations.IntegrationViews.IntegrationPage.class,
        io.integrationshub.integrations.IntegrationViews.ResourcePage.class,
        // io.integrationshub.jobs
        io.integrationshub.jobs.api.JobError.class, io.integrationshub.jobs.api.JobTarget.class,
        io.integrationshub.jobs.api.JobView.class, io.integrationshub.jobs.JobPage.class,
        // io.integrationshub.notifications
        io.integrationshub.notifications.NotificationViews.EventsView.class,
        io.integrationshub.notifications.NotificationViews.ConfigurationView.class,
        io.integrationshub.notifications.NotificationViews.NotificationIntegrationView.class,
        io.integrationshub.notifications.NotificationViews.CreateRequest.class,
        io.integrationshub.notifications.NotificationViews.UpdateRequest.class,
        io.integrationshub.notifications.NotificationViews.ConfigurationRequest.class,
        io.integrationshub.notifications.NotificationViews.EventsRequest.class,
        io.integrationshub.notifications.NotificationViews.EventRequest.class,
        io.integrationshub.notifications.NotificationViews.DeliverySummary.class,
        io.integrationshub.notifications.NotificationViews.EventAccepted.class,
        io.integrationshub.notifications.NotificationViews.DeliveryView.class,
        io.integrationshub.notifications.NotificationViews.AttemptView.class,
        io.integrationshub.notifications.NotificationViews.DeliveryDetail.class,
        io.integrationshub.notifications.NotificationViews.RecoverRequest.class,
        io.integrationshub.notifications.NotificationViews.RecoverResult.class,
        io.integrationshub.notifications.NotificationViews.IntegrationPage.class,
        io.integrationshub.notifications.NotificationViews.DeliveryPage.class,
        // io.integrationshub.orgs
        io.integrationshub.orgs.OrganisationViews.CreateGroup.class,
        io.integrationshub.orgs.OrganisationViews.GroupView.class,
        io.integrationshub.orgs.OrganisationViews.Profile.class,
        io.integrationshub.orgs.OrganisationViews.CreateOrganisation.class,
        io.integrationshub.orgs.OrganisationViews.UpdateOrganisation.class,
        io.integrationshub.orgs.OrganisationViews.OrganisationView.class,
        io.integrationshub.orgs.OrganisationViews.OrganisationPage.class,
        // io.integrationshub.projects
        io.integrationshub.projects.ProjectViews.ProjectWrite.class,
        io.integrationshub.projects.ProjectViews.ProjectView.class,
        io.integrationshub.projects.ProjectViews.ProjectPage.class,
        io.integrationshub.projects.ProjectViews.AddCollaborators.class,
        io.integrationshub.projects.ProjectViews.UpdateCollaborator.class,
        io.integrationshub.projects.ProjectViews.CollaboratorView.class,
        io.integrationshub.projects.ProjectViews.CollaboratorList.class,
        io.integrationshub.projects.ProjectViews.CollaboratorPage.class,
        // io.integrationshub.providers
        io.integrationshub.providers.ProviderViews.ProviderView.class,
        io.integrationshub.providers.ProviderViews.ProviderPage.class,
        io.integrationshub.providers.ProviderViews.ValidateRequest.class,
        io.integrationshub.providers.ProviderViews.ValidationResult.class
})
public final class Reflections {
    private Reflections() {
    }
}
