import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_ENROLMENT_BYTES } from "./enrolment-csv";

/** Reads the upload (or the confirmed text) within the size limit; a broken body is the sender's problem, a 400. */
export async function readEnrolmentUpload(request: Request): Promise<{ intent: string; csv: string | null } | "too_large" | "bad_request"> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_ENROLMENT_BYTES + 64 * 1024 }));
    const intent = String(form.get("intent") ?? "");
    const file = form.get("file");
    const text = form.get("csv");
    if (file instanceof File && file.size > 0) return { intent, csv: Buffer.from(await file.arrayBuffer()).toString("utf8") };
    return { intent, csv: typeof text === "string" && text.trim() !== "" ? text : null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too_large";
    return "bad_request";
  }
}

