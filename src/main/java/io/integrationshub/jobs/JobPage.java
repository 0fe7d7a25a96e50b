package io.integrationshub.jobs;

import io.integrationshub.common.page.PageResponse;
import io.integrationshub.jobs.api.JobView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the organisation's jobs (API.md 6); each job is a {@link JobView}. */
@Schema(name = "JobPage")
public class JobPage extends PageResponse<JobView> {
}
