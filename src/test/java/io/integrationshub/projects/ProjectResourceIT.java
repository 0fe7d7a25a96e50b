package io.integrationshub.projects;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs ProjectResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class ProjectResourceIT extends ProjectResourceTest {
}
