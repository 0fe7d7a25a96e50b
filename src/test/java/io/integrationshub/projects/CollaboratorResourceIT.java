package io.integrationshub.projects;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs CollaboratorResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class CollaboratorResourceIT extends CollaboratorResourceTest {
}
