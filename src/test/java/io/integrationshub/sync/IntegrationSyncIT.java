package io.integrationshub.sync;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs IntegrationSyncTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class IntegrationSyncIT extends IntegrationSyncTest {
}
