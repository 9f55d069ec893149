import { useTranslation } from "react-i18next";

/** An accessible progress bar (role=progressbar with its value), mirrored in right-to-left pages. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="flex justify-between text-sm text-stone-700">
        <span>{label}</span>
        <span>{t("course.percent", { value })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${value}%` }} />
      </div>
    </div>
  );
}
