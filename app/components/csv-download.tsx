import { useTranslation } from "react-i18next";
import { defaultCsvSeparator, type CsvSeparator } from "~/lib/csv-separator";

const withSeparator = (href: string, separator: CsvSeparator) => `${href}${href.includes("?") ? "&" : "?"}sep=${separator}`;

/**
 * A CSV download in the separator the reader's Excel expects (semicolon in French and Arabic, comma in English),
 * with the other separator offered beside it (app/lib/csv.ts).
 */
export function CsvDownload({ href, label, className }: { href: string; label: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const preferred = defaultCsvSeparator(i18n.language);
  const other: CsvSeparator = preferred === "semicolon" ? "comma" : "semicolon";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <a href={withSeparator(href, preferred)} className={className} download>{label}</a>
      <a href={withSeparator(href, other)} className="text-sm text-brand-700 underline" download>{t(`csv.${other}`)}</a>
    </span>
  );
}
