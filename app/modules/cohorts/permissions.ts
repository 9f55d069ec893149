// Pure: the two levels of access to a cohort, shared by the guards (access.server.ts) and the pages (which
// actions to show).

/** "manage": enrol, remove, move, edit the cohort and its windows. "teach": follow, export, remind, accommodate. */
export type CohortPermission = "manage" | "teach";

export function cohortPermission({
  isPlatformAdmin,
  isCentreAdmin,
  teachesCohort,
}: {
  isPlatformAdmin: boolean;
  isCentreAdmin: boolean;
  teachesCohort: boolean;
}): CohortPermission | null {
  if (isPlatformAdmin || isCentreAdmin) return "manage";
  if (teachesCohort) return "teach";
  return null;
}

export function canManage(permission: CohortPermission) {
  return permission === "manage";
}
