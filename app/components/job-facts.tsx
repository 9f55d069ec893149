// A post as its readers see it: the facts list, the skills with links to the taxonomy, and the description. Shared
// by the public page (/jobs/:jobId) and the employer's page (/employer/jobs/:jobId) so both show the same post.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/i18n";
import { formatList } from "~/modules/jobs/format";
import type { getJobPage } from "~/modules/jobs/public.server";

type SerializedJob = NonNullable<Awaited<ReturnType<typeof getJobPage>>>;

function SkillList({ skills }: { skills: SerializedJob["requiredSkills"] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-2">
      {skills.map((skill) => (
        <li key={skill.id}>
          <Link to={`/skills/${encodeURIComponent(skill.id)}`} className="inline-block rounded-full border border-brand-600 px-3 py-1 text-sm text-brand-700 underline-offset-2 hover:underline" dir="auto">
            {skill.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function JobFacts({ job }: { job: SerializedJob }) {
  const { t, i18n } = useTranslation();
  const place =
    job.workMode === "REMOTE"
      ? t("jobs.workMode.REMOTE")
      : `${job.regionLabel ?? ""}${job.workMode === "HYBRID" ? ` · ${t("jobs.workMode.HYBRID")}` : ""}`;
  return (
    <>
      <section aria-labelledby="job-facts" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="job-facts" className="sr-only">{t("jobs.page.facts")}</h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.employer")}</dt>
            <dd>
              <bdi className="font-medium">{job.employer.name}</bdi>
              {job.employer.employerType ? <span className="text-stone-700"> · {t(`employerTypes.${job.employer.employerType}`)}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.place")}</dt>
            <dd>{place}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.contract")}</dt>
            <dd>{t(`jobs.contract.${job.contractType}`)}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.languages")}</dt>
            <dd>{formatList(job.languages.map((l) => t(`jobs.languages.${l}`)), i18n.language)}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.minTier")}</dt>
            <dd>{job.minTier ? t("jobs.page.minTierValue", { level: job.minTier.level, title: job.minTier.title }) : t("jobs.page.minTierNone")}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("jobs.page.published")}</dt>
            <dd>{job.publishedAt ? formatDate(job.publishedAt, i18n.language) : t("jobs.page.notPublished")}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="job-skills" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="job-skills" className="text-lg font-semibold">{t("jobs.page.skills")}</h2>
        <div>
          <h3 className="font-medium">{t("jobs.page.requiredSkills")}</h3>
          <SkillList skills={job.requiredSkills} />
        </div>
        {job.niceSkills.length > 0 ? (
          <div>
            <h3 className="font-medium">{t("jobs.page.niceSkills")}</h3>
            <SkillList skills={job.niceSkills} />
          </div>
        ) : null}
        <p className="text-sm text-stone-600">{t("jobs.page.skillsHelp")}</p>
      </section>

      <section aria-labelledby="job-description" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="job-description" className="text-lg font-semibold">{t("jobs.page.description")}</h2>
        <p className="mt-2 whitespace-pre-line" dir="auto">{job.description}</p>
      </section>
    </>
  );
}
