import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { prisma } from "~/lib/db.server";
import { getLanguage } from "~/lib/i18n.server";
import { localized } from "~/modules/catalog/localize";
import { requireRole } from "~/modules/accounts/auth.server";
import { listTaughtCohorts } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "INSTRUCTOR");
  const language = await getLanguage(request);
  const [cohorts, versions] = await Promise.all([
    listTaughtCohorts({ userId: user.id }),
    prisma.examVersion.findMany({
      where: { archivedAt: null, course: { archivedAt: null } },
      orderBy: [{ course: { tier: "asc" } }, { course: { position: "asc" } }],
      select: { id: true, version: true, course: { select: { title: true } }, _count: { select: { attempts: true } } },
    }),
  ]);
  return {
    cohorts,
    exams: versions.map((v) => ({ id: v.id, version: v.version, course: localized(v.course.title, language), attempts: v._count.attempts })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "teach.title");

export default function TeachPage() {
  const { t, i18n } = useTranslation();
  const { cohorts, exams } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("teach.lead")}>{t("teach.title")}</PageTitle>
      {cohorts.length === 0 ? <p>{t("teach.none")}</p> : null}
      <ul className="space-y-4">
        {cohorts.map((c) => (
          <li key={c.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              <Link to={`/centre/${c.organisation.slug}/cohorts/${c.id}`} className="text-brand-700 underline" dir="auto">{c.name}</Link>
            </h2>
            <p className="text-sm text-stone-600">
              {c.organisation.name}
              {c.startsOn ? ` · ${formatDate(c.startsOn, i18n.language)}` : ""}
            </p>
            <p className="mt-2">{t("teach.learners", { count: c.members.length })}</p>
            <ul className="mt-2 list-disc ps-6 text-sm">
              {c.members.map((m) => (
                <li key={m.user.id}>
                  <Link to={`/teach/learners/${m.user.id}`} className="text-brand-700 underline" dir="auto">{m.user.name}</Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <section aria-labelledby="exams" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="exams" className="text-lg font-semibold">{t("analysis.title")}</h2>
        <ul className="mt-2 space-y-1">
          {exams.map((e) => (
            <li key={e.id}>
              <Link to={`/exam-analysis/${e.id}`} className="text-brand-700 underline">{e.course}</Link> — v{e.version} · {t("analysis.attempts")}: {e.attempts}
            </li>
          ))}
        </ul>
        <p className="mt-3"><Link to="/reviews" className="font-medium text-brand-700 underline">{t("reviews.title")}</Link></p>
      </section>
    </div>
  );
}
