import { AppError } from "~/lib/errors";

/**
 * Expected failures of the candidate's side, each with the HTTP status a route answers with. The code is also the
 * catalogue key under jobBoard.errors.
 */
export type CandidateErrorCode =
  /** The learner has no active job-board profile (never opted in, or withdrew). */
  | "notOptedIn"
  /** No such job, or a draft (drafts are invisible outside the employer). */
  | "jobNotFound"
  /** The job was closed: no new application. */
  | "jobClosed"
  /** A declared skill that is not (or no longer) in the taxonomy. */
  | "unknownSkill"
  /** No such contact request for this candidate. */
  | "contactNotFound"
  /** The candidate already gave the other answer to this contact request. */
  | "contactAlreadyAnswered"
  /** The candidate is not on the job board (an employer asking for contact). */
  | "candidateNotFound"
  /** The requester is not a member of the job's employer. */
  | "forbidden"
  /** A contact request's message over CONTACT_MESSAGE_MAX_LENGTH. */
  | "messageTooLong"
  /** The candidate already has an unanswered objection on this job. */
  | "objectionOpen"
  /** No such objection, or one this person may not answer. */
  | "objectionNotFound"
  /** The objection was answered already (answers are kept, never overwritten). */
  | "alreadyAnswered";

const STATUS: Record<CandidateErrorCode, number> = {
  notOptedIn: 409,
  jobNotFound: 404,
  jobClosed: 409,
  unknownSkill: 400,
  contactNotFound: 404,
  contactAlreadyAnswered: 409,
  candidateNotFound: 404,
  forbidden: 403,
  messageTooLong: 400,
  objectionOpen: 409,
  objectionNotFound: 404,
  alreadyAnswered: 409,
};

export class CandidateError extends AppError<CandidateErrorCode> {
  constructor(code: CandidateErrorCode) {
    super(code, STATUS[code]);
  }
}
