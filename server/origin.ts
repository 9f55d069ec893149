const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may proceed under the Origin check. Safe methods always may. A mutation that carries cookies
 * (the only kind a forged cross-site form can abuse) must name our origin in Origin, or failing that in Referer.
 * Cookie-less mutations (API clients, verifiers posting JSON) carry no ambient authority and pass.
 */
export function isSameOriginMutation({
  method,
  origin,
  referer,
  hasCookies,
  expectedOrigin,
}: {
  method: string;
  origin: string | null;
  referer: string | null;
  hasCookies: boolean;
  expectedOrigin: string;
}) {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (origin && origin !== "null") return origin === expectedOrigin;
  if (referer) {
    try {
      return new URL(referer).origin === expectedOrigin;
    } catch {
      return false;
    }
  }
  return !hasCookies;
}
