package io.integrationshub.projects;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs ProjectCloudConnectionTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class ProjectCloudConnectionIT extends ProjectCloudConnectionTest {
}
