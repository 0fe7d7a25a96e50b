package io.integrationshub.broker;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs BrokerRotationTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class BrokerRotationIT extends BrokerRotationTest {
}
