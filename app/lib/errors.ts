// Expected failures: one error type. A module throws an AppError (or its own named subclass, which only fixes the
// codes it may carry) with a code and the HTTP status a route answers with; routes turn the code into a translated
// message. Anything else that is thrown is a bug, answered with 500 and logged.
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly status: number,
    message: string = code,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A unique constraint refused the write (Prisma's P2002, or PostgreSQL's 23505 through plain SQL). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "P2002" || error.code === "23505");
}
