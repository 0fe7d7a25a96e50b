package io.integrationshub.orgs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs OrganisationResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class OrganisationResourceIT extends OrganisationResourceTest {
}
