// A job-board pseudonym is stored as "Candidat·e 4F7K" (profile.server.ts) and travels as is (API, forms); pages show
// it in the reader's language, from its code. Pure.
const PREFIX = "Candidat·e ";

/** The pseudonym's code ("4F7K"), or the whole handle when it is not one of ours. */
export function handleCode(handle: string): string {
  return handle.startsWith(PREFIX) ? handle.slice(PREFIX.length) : handle;
}
