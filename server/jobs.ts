// Every job the server runs (app/lib/jobs.server.ts), registered at start-up by the primary process. A job is
// defined by the module that owns its work; this list is the one place that says which run.
import type { AnyJobDefinition } from "../app/lib/jobs.server";
import { issueCredentialJob } from "../app/modules/certification/jobs.server";
import { enrolmentEmailJob } from "../app/modules/cohorts/enrolment.server";
import { examSweepJob } from "../app/modules/exams/jobs.server";
import { eraseDueAccountsJob, exportPersonalDataJob, retentionJob } from "../app/modules/privacy/jobs.server";

export const serverJobs: AnyJobDefinition[] = [issueCredentialJob, enrolmentEmailJob, exportPersonalDataJob, eraseDueAccountsJob, retentionJob, examSweepJob];
