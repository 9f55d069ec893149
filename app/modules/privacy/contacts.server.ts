// Who answers privacy requests on this instance: from the deployment's configuration (README lists what a
// deployment must fill in), shown in the privacy notice and on the account's privacy page.
import { parseEnv, type Env } from "~/lib/env.server";

export function privacyContacts(env: Env = parseEnv()) {
  return { controller: env.PRIVACY_CONTROLLER_NAME ?? null, email: env.PRIVACY_CONTACT_EMAIL ?? null, dpo: env.PRIVACY_DPO_EMAIL ?? null };
}
