import { AppError } from "~/lib/errors";

// Expected refusals of study mode, each with its HTTP status; routes answer `{"error": code}` and a translated
// message (`study.errors.<code>`).
const STATUS = {
  invalid_question: 400,
  invalid_answer: 400,
  not_found: 404,
  exam_in_progress: 409,
  daily_limit: 429,
  monthly_cap: 429,
} as const;

export type StudyErrorCode = keyof typeof STATUS;

export class StudyError extends AppError<StudyErrorCode> {
  constructor(code: StudyErrorCode) {
    super(code, STATUS[code]);
  }
}
