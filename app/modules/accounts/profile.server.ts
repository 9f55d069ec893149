// Correcting one's name (right of rectification): the display name and the name printed on certificates, which may
// be written in Arabic or Latin letters, or both (accounts/names.ts). Credentials already issued keep their signed
// name until the person asks for them to be re-issued (certification reissueWithCurrentName).
import { z } from "zod";
import { prisma } from "~/lib/db.server";

const personName = z.string().trim().min(2, "validation.nameTooShort").max(120, "validation.nameTooLong");
const optionalName = z
  .string()
  .trim()
  .max(120, "validation.nameTooLong")
  .transform((v) => (v === "" ? null : v))
  .refine((v) => v === null || v.length >= 2, "validation.nameTooShort");

export const ProfileSchema = z.object({ name: personName, certificateName: optionalName, certificateNameLatin: optionalName });
export type ProfileFieldErrors = Partial<Record<"name" | "certificateName" | "certificateNameLatin", string[]>>;

export async function updateProfile({ userId, form }: { userId: string; form: FormData }): Promise<{ ok: true } | { ok: false; fieldErrors: ProfileFieldErrors }> {
  const parsed = ProfileSchema.safeParse({
    name: String(form.get("name") ?? ""),
    certificateName: String(form.get("certificateName") ?? ""),
    certificateNameLatin: String(form.get("certificateNameLatin") ?? ""),
  });
  if (!parsed.success) {
    const fieldErrors: ProfileFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof ProfileFieldErrors;
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return { ok: false, fieldErrors };
  }
  await prisma.user.update({ where: { id: userId }, data: parsed.data, select: { id: true } });
  return { ok: true };
}

export function profileOf(userId: string) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, certificateName: true, certificateNameLatin: true } });
}
