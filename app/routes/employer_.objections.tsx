import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ObjectionQueue } from "~/components/objection-queue";
import { Alert, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { answerObjectionFromForm, loadObjectionQueue } from "~/modules/candidates/queue-route.server";

/** /employer/objections: the objections on the jobs of the employers the member belongs to (platform admins: all). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const everything = user.roles.includes("PLATFORM_ADMIN");
  return { everything, ...(await loadObjectionQueue({ userId: user.id, everything, language: await getLanguage(request) })) };
}

/** intent=answer: a human answer to one objection (the access rule is checked again by answerObjection). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  return answerObjectionFromForm({ request, userId: user.id });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobBoard.queue.employerTitle");

export default function ObjectionsPage() {
  const { t } = useTranslation();
  const { everything, objections, skillLabels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("jobBoard.queue.employerLead")}>{t("jobBoard.queue.employerTitle")}</PageTitle>
      {actionData?.answered ? <Alert tone="success">{t("jobBoard.queue.answered")}</Alert> : null}
      <ObjectionQueue objections={objections} skillLabels={skillLabels} lastAnswer={actionData} showEmployer={everything} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
