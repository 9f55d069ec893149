import { data } from "@remix-run/node";
import { AppError } from "./errors";

/**
 * For loaders: an expected failure (AppError) becomes the route's error page with its status and code (the page
 * translates the status); anything else propagates as a bug.
 */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw data({ error: error.code }, { status: error.status });
    throw error;
  }
}
