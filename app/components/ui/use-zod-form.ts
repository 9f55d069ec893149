import { type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/**
 * A form wired to its Zod schema the one way forms are here (docs/decisions/030): the same schema validates in the
 * browser (on blur) and on the server, whose last result is shown; the schema's messages are catalogue keys.
 */
export function useZodForm<Schema extends z.ZodObject>({
  id,
  schema,
  lastResult,
  shouldRevalidate,
}: {
  id: string;
  schema: Schema;
  lastResult: SubmissionResult<string[]> | null | undefined;
  shouldRevalidate?: "onBlur" | "onInput";
}) {
  return useForm({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
