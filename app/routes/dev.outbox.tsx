import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { prisma } from "~/lib/db.server";
import { formatDateTime } from "~/lib/i18n";
import { isProduction } from "~/lib/env.server";
import { getMailer } from "~/lib/mailer.server";
import { requireRole } from "~/modules/accounts/auth.server";
import { pageMeta } from "~/lib/meta";

/**
 * The local outbox (used when no SMTP_URL is set). Open to anyone outside production so a developer or tester
 * can follow e-mail links; in production only platform admins may read it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (isProduction()) await requireRole(request, "PLATFORM_ADMIN");
  const emails = await prisma.outboxEmail.findMany({
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return { emails, mailer: getMailer().kind };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "outbox.title");

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const { emails, mailer } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t(mailer === "smtp" ? "outbox.smtpActive" : "outbox.lead")}>{t("outbox.title")}</PageTitle>
      {emails.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ul className="space-y-4">
        {emails.map((e) => (
          <li key={e.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <p className="text-sm text-stone-600">
              <span dir="ltr">{e.to}</span> · {formatDateTime(e.createdAt, i18n.language)}
            </p>
            <h2 className="mt-1 font-semibold" dir="auto">{e.subject}</h2>
            <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm" dir="auto">{e.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
