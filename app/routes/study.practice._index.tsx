import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { loadPracticeList } from "~/modules/study/practice-page.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadPracticeList({ user, language: await getLanguage(request) });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "practice.title");

const STATUS_STYLE = { new: "bg-stone-100 text-stone-700", draft: "bg-sky-100 text-sky-900", checked: "bg-amber-100 text-amber-900", done: "bg-emerald-100 text-emerald-900" } as const;

export default function PracticeList() {
  const { t } = useTranslation();
  const { courses, examLocked } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link to="/study" className="text-brand-700 underline">{t("study.title")}</Link></p>
      <PageTitle lead={t("practice.intro")}>{t("practice.title")}</PageTitle>
      <Alert tone="info">{t("practice.notCounted")}</Alert>
      {examLocked ? <Alert tone="error">{t("study.examLocked")}</Alert> : null}
      {courses.map((course) => (
        <section key={course.id} aria-labelledby={`c-${course.id}`} className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id={`c-${course.id}`} className="text-lg font-semibold">{course.title}</h2>
          <ul className="mt-3 divide-y divide-stone-200">
            {course.tasks.map((task) => (
              <li key={task.id} className="py-3">
                <Link to={`/study/practice/${task.id}`} className="font-medium text-brand-700 underline">{task.title}</Link>
                <p className="mt-1 flex flex-wrap gap-2 text-xs">
                  <span className="rounded bg-violet-100 px-2 py-0.5 text-violet-900">{t(`practice.kind.${task.kind}`)}</span>
                  <span className={`rounded px-2 py-0.5 ${STATUS_STYLE[task.status]}`}>{t(`practice.status.${task.status}`)}</span>
                  {task.lesson ? <span className="text-stone-600">{task.lesson.title}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
