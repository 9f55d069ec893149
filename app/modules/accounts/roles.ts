// Role derivation is pure so it can be unit-tested and reused by the UI (navigation) and the guards.

export const ROLES = ["LEARNER", "INSTRUCTOR", "CENTRE_ADMIN", "EMPLOYER", "PLATFORM_ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export type MembershipForRoles = {
  role: "ADMIN" | "INSTRUCTOR" | "RECRUITER";
  organisation: { kind: "TRAINING_CENTRE" | "EMPLOYER" | "ISSUER" };
};

export const isGlobalRole = (value: string): value is "PLATFORM_ADMIN" => value === "PLATFORM_ADMIN";
export const isOrgRole = (value: string): value is MembershipForRoles["role"] =>
  value === "ADMIN" || value === "INSTRUCTOR" || value === "RECRUITER";
export const isOrgKind = (value: string): value is MembershipForRoles["organisation"]["kind"] =>
  value === "TRAINING_CENTRE" || value === "EMPLOYER" || value === "ISSUER";

/**
 * Every account is a learner. Platform admins are granted globally; instructors, centre admins and employers get
 * their role from a membership in a training centre or an employer organisation.
 */
export function deriveRoles({
  globalRoles,
  memberships,
}: {
  globalRoles: ReadonlyArray<"PLATFORM_ADMIN">;
  memberships: ReadonlyArray<MembershipForRoles>;
}): Role[] {
  const roles = new Set<Role>(["LEARNER"]);
  if (globalRoles.includes("PLATFORM_ADMIN")) roles.add("PLATFORM_ADMIN");
  for (const m of memberships) {
    if (m.organisation.kind === "TRAINING_CENTRE" && m.role === "ADMIN") roles.add("CENTRE_ADMIN");
    if (m.organisation.kind === "TRAINING_CENTRE" && m.role === "INSTRUCTOR") roles.add("INSTRUCTOR");
    if (m.organisation.kind === "EMPLOYER" && (m.role === "ADMIN" || m.role === "RECRUITER")) roles.add("EMPLOYER");
  }
  return ROLES.filter((r) => roles.has(r));
}

/** Platform admins may act in every area (support and moderation); everyone else needs one of the roles. */
export function hasAnyRole(userRoles: readonly Role[], required: readonly Role[]) {
  return userRoles.includes("PLATFORM_ADMIN") || required.some((r) => userRoles.includes(r));
}

/** The landing page after log-in: the most specific workspace the account has. */
export function homePathFor(roles: readonly Role[]) {
  if (roles.includes("PLATFORM_ADMIN")) return "/admin";
  if (roles.includes("CENTRE_ADMIN")) return "/centre";
  if (roles.includes("INSTRUCTOR")) return "/teach";
  if (roles.includes("EMPLOYER")) return "/employer";
  return "/learn";
}
