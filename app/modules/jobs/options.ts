// The closed lists a job post is made of. Pure (no Prisma, no Remix), shared by the form, the schema and the pages.
// Each list mirrors a Prisma enum; `satisfies` makes the compiler refuse a value the database would reject.
import type { ContractType, JobStatus, WorkMode } from "~/generated/prisma/enums";

export const CONTRACT_TYPES = ["CDI", "CDD", "FREELANCE", "INTERNSHIP", "APPRENTICESHIP", "PUBLIC_SERVICE"] as const satisfies readonly ContractType[];
export const WORK_MODES = ["ON_SITE", "HYBRID", "REMOTE"] as const satisfies readonly WorkMode[];
export const JOB_STATUSES = ["DRAFT", "PUBLISHED", "CLOSED"] as const satisfies readonly JobStatus[];

export type ContractTypeId = (typeof CONTRACT_TYPES)[number];
export type WorkModeId = (typeof WORK_MODES)[number];
export type JobStatusId = (typeof JOB_STATUSES)[number];

export function isContractType(value: string): value is ContractTypeId {
  return (CONTRACT_TYPES as readonly string[]).includes(value);
}

/** A job asks for this many skills at most: beyond that the post stops saying what matters. */
export const MAX_SKILLS_PER_LIST = 12;
