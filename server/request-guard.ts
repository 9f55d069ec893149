// What every request must satisfy before it reaches Remix: a method we serve, no NUL byte anywhere it could reach
// PostgreSQL (text columns refuse it, and the error surfaced as a 500), a body no larger than the largest upload,
// and a body type the route can read. Route code then never meets these inputs; a route that wants another body
// type is listed here, the one place that says so.

/** Methods the app answers; anything else (TRACE, CONNECT, PROPFIND…) is 405. */
export const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The largest body any route reads (an enrolment CSV of 2 MiB in a multipart form, with room to spare). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Routes that read their body as text, usually JSON (APIs for other clients); every other route takes HTML forms only. */
const JSON_ROUTES = [/^\/api\//, /^\/credentials\/(issue|verify)\/?$/, /^\/presentations\/verify\/?$/];

export type GuardRefusal = { status: 400 | 405 | 413 | 415; reason: "method" | "nul" | "multipart" | "too_large" | "media_type" | "host" };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function mediaType(contentType: string | null | undefined) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** A NUL character, raw or percent-encoded, in URL or urlencoded text. */
export function hasNul(text: string) {
  return text.includes("\0") || /%00/i.test(text);
}

/** Checks the request line and headers (no body yet). */
export function checkRequestLine({ method, url }: { method: string; url: string }): GuardRefusal | null {
  if (!ALLOWED_METHODS.has(method)) return { status: 405, reason: "method" };
  if (hasNul(url)) return { status: 400, reason: "nul" };
  return null;
}

function acceptsJson(pathname: string) {
  return JSON_ROUTES.some((pattern) => pattern.test(pathname));
}

/**
 * Checks a whole body. `empty` bodies pass (the caller reads them as an empty form). Form bodies are parsed once here
 * (a broken multipart body is refused rather than thrown later); JSON only goes to JSON routes.
 */
export async function checkBody({
  pathname,
  contentType,
  body,
}: {
  pathname: string;
  contentType: string | null;
  body: Buffer;
}): Promise<GuardRefusal | null> {
  if (body.length === 0) return null;
  const type = mediaType(contentType);
  if (type === "application/x-www-form-urlencoded") {
    return hasNul(body.toString("utf8")) ? { status: 400, reason: "nul" } : null;
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType ?? "" } }).formData();
    } catch {
      return { status: 400, reason: "multipart" };
    }
    // Files may hold any byte (a PNG does); text fields end up in the database.
    for (const [name, value] of form) {
      if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) return { status: 400, reason: "nul" };
    }
    return null;
  }
  if (acceptsJson(pathname)) {
    const text = body.toString("utf8");
    if (text.includes("\0") || (/\\u0000/i.test(text) && hasNulString(text))) return { status: 400, reason: "nul" };
    return null;
  }
  if (FORM_TYPES.includes(type)) return null;
  return { status: 415, reason: "media_type" };
}

/** Whether JSON text holds a string with a NUL character (escaped as \u0000); invalid JSON is the route's to refuse. */
function hasNulString(text: string) {
  let found = false;
  try {
    JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === "string" && value.includes("\0")) found = true;
      return value;
    });
  } catch {
    return false;
  }
  return found;
}

/** The refusal's text, in the three languages (the language of a refused request is not known yet). */
export const REFUSAL_TEXT: Record<GuardRefusal["reason"], string> = {
  method: "Method not allowed / Méthode non autorisée / طريقة غير مسموح بها",
  nul: "The request contains a NUL character, which is not accepted / La requête contient un caractère NUL, refusé / يحتوي الطلب على محرف NUL غير مقبول",
  multipart: "The form data could not be read / Les données du formulaire sont illisibles / تعذّرت قراءة معطيات الاستمارة",
  too_large: "The request is too large / La requête est trop volumineuse / الطلب كبير جدًّا",
  host: "The Host header is not a valid host name / L'en-tête Host n'est pas un nom d'hôte valide / ترويسة Host ليست اسم مضيف صالحًا",
  media_type: "This address accepts HTML form posts only / Cette adresse n'accepte que des formulaires HTML / لا يقبل هذا العنوان إلا استمارات HTML",
};
