package io.integrationshub.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to prove 500 answers leak nothing. */
@Path("/test-only/boom")
public class BoomResource {
    @GET
    public String boom() {
        throw new IllegalStateException("select * from credentials where token = 'hunter2-secret'");
    }
}
