package io.integrationshub.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every class Jackson reads or writes by reflection, in one place (as registry.quarkus.io does), so that a
 * native image keeps their constructors, accessors and record components. Quarkus registers the types a
 * resource method names by itself, but not entities inside a Response or Uni&lt;Response&gt;, nor what the
 * idempotency store serialises; ReflectionsTest fails when a view, request or OpenAPI schema class is missing.
 * Problem bodies need none of this: ProblemJson writes them field by field.
 */
@RegisterForReflection(ignoreNested = false, targets = {
        // Each feature's *Views class: every record and page nested in it (ignoreNested = false).
        io.integrationshub.apitokens.ApiTokenViews.class,
        io.integrationshub.audit.AuditViews.class,
        io.integrationshub.broker.BrokerViews.class,
        io.integrationshub.integrations.IntegrationViews.class,
        io.integrationshub.notifications.NotificationViews.class,
        io.integrationshub.orgs.OrganisationViews.class,
        io.integrationshub.projects.ProjectViews.class,
        io.integrationshub.providers.ProviderViews.class,
        // Views that stand alone.
        io.integrationshub.common.error.Problem.class, io.integrationshub.common.error.ProblemError.class,
        io.integrationshub.common.page.PageResponse.class,
        io.integrationshub.jobs.api.JobError.class, io.integrationshub.jobs.api.JobTarget.class,
        io.integrationshub.jobs.api.JobView.class, io.integrationshub.jobs.JobPage.class
})
public final class Reflections {
    private Reflections() {
    }
}
