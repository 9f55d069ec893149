import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { safeRedirect } from "~/modules/accounts/schemas";
import { applyToJob, withdrawApplication } from "~/modules/candidates/applications.server";
import { CandidateError } from "~/modules/candidates/errors";
import { ApplySchema } from "~/modules/candidates/schemas";

// Applying (one click) and withdrawing an application, posted from the matches list or from a public job page.
// The page itself only shows why an application could not be made; the loader must not redirect, since Remix runs
// it to render the action's error.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

function withNotice(path: string, notice: string) {
  const url = new URL(path, "http://local");
  url.searchParams.set("done", notice);
  return `${url.pathname}${url.search}${url.hash}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ApplySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "badRequest" }, { status: 400 });
  const { intent, jobId, redirectTo } = parsed.data;
  const back = safeRedirect(redirectTo, "/account/job-board/matches");
  try {
    if (intent === "apply") {
      await applyToJob({ jobId, userId: user.id });
      return redirect(withNotice(back, "applied"));
    }
    await withdrawApplication({ jobId, userId: user.id });
    return redirect(withNotice(back, "application-withdrawn"));
  } catch (error) {
    if (error instanceof CandidateError) return data({ error: error.code }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobBoard.apply.title");

/** Why an application could not be made (closed job, not on the job board…), with the way back. */
export default function ApplyOutcome() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageTitle>{t("jobBoard.apply.title")}</PageTitle>
      {actionData ? <Alert tone="error">{t(`jobBoard.errors.${actionData.error}`)}</Alert> : null}
      <ul className="list-disc space-y-1 ps-6">
        {actionData?.error === "notOptedIn" ? (
          <li><Link to="/account/job-board" className="text-brand-700 underline">{t("jobBoard.apply.optIn")}</Link></li>
        ) : null}
        <li><Link to="/account/job-board/matches" className="text-brand-700 underline">{t("jobBoard.apply.back")}</Link></li>
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
