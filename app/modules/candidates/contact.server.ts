// Contact requests: an employer asks a pseudonymous candidate to get in touch about one job. The candidate's name
// and e-mail are revealed to that employer for that job only once the candidate accepts (disclosure.server.ts).
import { prisma } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { employerNames } from "./applications.server";
import { CandidateError } from "./errors";
import { notify } from "~/modules/notifications/index.server";
import { linkTo } from "./notify.server";

export const CONTACT_MESSAGE_MAX_LENGTH = 1000;

export type CreateContactRequestOptions = {
  jobId: string;
  /** The candidate. */
  userId: string;
  /** The employer's member asking; must belong to the job's employer (platform admins pass, as everywhere). */
  requestedById: string;
  message?: string | null;
  /** Public origin for the link in the candidate's e-mail (appOrigin() from lib/origin.server). */
  origin?: string;
};

/**
 * Asks an active candidate for contact about a published job. Idempotent per (job, candidate): a second request,
 * whatever its message, returns the first one unchanged (and e-mails nobody again). The candidate is e-mailed in
 * their language when the request is new. Throws CandidateError: jobNotFound (404), jobClosed (409: draft or
 * closed), forbidden (403: not a member of the job's employer), candidateNotFound (404: not an active candidate,
 * so a withdrawn profile cannot be probed), messageTooLong (400).
 */
export async function createContactRequest({ jobId, userId, requestedById, message, origin }: CreateContactRequestOptions) {
  const text = message?.trim() || null;
  if (text && text.length > CONTACT_MESSAGE_MAX_LENGTH) throw new CandidateError("messageTooLong");
  const job = await prisma.jobPost.findUnique({ where: { id: jobId }, select: { id: true, title: true, status: true, employerId: true } });
  if (!job) throw new CandidateError("jobNotFound");
  const [membership, admin] = await Promise.all([
    prisma.membership.findFirst({
      where: { userId: requestedById, organisationId: job.employerId, role: { in: ["ADMIN", "RECRUITER"] }, organisation: { kind: "EMPLOYER" } },
      select: { userId: true },
    }),
    prisma.userRole.findFirst({ where: { userId: requestedById, role: "PLATFORM_ADMIN" }, select: { userId: true } }),
  ]);
  if (!membership && !admin) throw new CandidateError("forbidden");
  if (job.status !== "PUBLISHED") throw new CandidateError("jobClosed");
  const candidate = await prisma.candidateProfile.findFirst({
    where: { userId, active: true },
    select: { userId: true },
  });
  if (!candidate) throw new CandidateError("candidateNotFound");

  const { count } = await prisma.contactRequest.createMany({ data: [{ jobId, userId, requestedById, message: text }], skipDuplicates: true });
  const request = await prisma.contactRequest.findUniqueOrThrow({
    where: { jobId_userId: { jobId, userId } },
    select: { id: true, status: true, createdAt: true },
  });
  if (count === 1) {
    const [user, employers] = await Promise.all([
      prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, locale: true } }),
      employerNames([job.employerId]),
    ]);
    const t = await getFixedT(user.locale);
    const employer = employers.get(job.employerId) ?? "";
    await notify({
      userId,
      kind: "contact_request",
      values: { employer, job: job.title },
      href: "/account/job-board#contact-requests",
      email: {
        to: user.email,
        subject: t("email.contactRequest.subject", { employer }),
        text: t("email.contactRequest.body", { name: user.name, employer, job: job.title, link: linkTo("/account/job-board#contact-requests", origin) }),
      },
    });
  }
  return { ...request, created: count === 1 };
}

/** Contact requests addressed to the candidate, newest first, with the job and the employer. */
export async function listContactRequestsForCandidate({ userId }: { userId: string }) {
  const requests = await prisma.contactRequest.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, jobId: true, message: true, status: true, createdAt: true, answeredAt: true },
  });
  const jobs = await prisma.jobPost.findMany({
    where: { id: { in: requests.map((r) => r.jobId) } },
    select: { id: true, title: true, status: true, employerId: true },
  });
  const employers = await employerNames(jobs.map((j) => j.employerId));
  return requests.map((r) => {
    const job = jobs.find((j) => j.id === r.jobId);
    return {
      ...r,
      jobTitle: job?.title ?? "",
      jobStatus: job?.status ?? null,
      employerName: job ? (employers.get(job.employerId) ?? "") : "",
    };
  });
}

/**
 * The candidate accepts or declines. Ownership is in the `where` (someone else's request is "not found"). Giving
 * the same answer twice changes nothing; the other answer, once one is given, is refused (contactAlreadyAnswered),
 * so an accepted disclosure is never silently reversed nor a refusal silently turned into a disclosure.
 */
export async function answerContactRequest({
  requestId,
  userId,
  decision,
  now = new Date(),
}: {
  requestId: string;
  userId: string;
  decision: "accept" | "decline";
  now?: Date;
}) {
  const status = decision === "accept" ? "ACCEPTED" : "DECLINED";
  const { count } = await prisma.contactRequest.updateMany({ where: { id: requestId, userId, status: "PENDING" }, data: { status, answeredAt: now } });
  if (count === 1) return { changed: true, status };
  const request = await prisma.contactRequest.findFirst({ where: { id: requestId, userId }, select: { status: true } });
  if (!request) throw new CandidateError("contactNotFound");
  if (request.status !== status) throw new CandidateError("contactAlreadyAnswered");
  return { changed: false, status };
}
