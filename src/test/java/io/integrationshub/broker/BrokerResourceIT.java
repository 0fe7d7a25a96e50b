package io.integrationshub.broker;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs BrokerResourceTest again against the packaged jar in the production profile. */
@QuarkusIntegrationTest
public class BrokerResourceIT extends BrokerResourceTest {
}
