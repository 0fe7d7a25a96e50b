package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobView;
import io.integrationshub.common.page.PageResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the jobs API (API.md 6). */
public final class JobViews {
    private JobViews() {
    }

    @Schema(name = "JobPage")
    public static class JobPage extends PageResponse<JobView> {
    }
}
