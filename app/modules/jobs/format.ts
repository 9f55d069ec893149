import { intlLocale } from "~/lib/i18n";

/** "français, darija et amazighe" / "الفرنسية والدارجة والأمازيغية": a list written the reader's way. */
export function formatList(items: readonly string[], language: string) {
  return new Intl.ListFormat(intlLocale(language), { style: "long", type: "conjunction" }).format(items);
}

/** The comma between the items of a plain list (Intl.ListFormat has no style that gives just that everywhere). */
export function listSeparator(language: string) {
  return language === "ar" ? "، " : ", ";
}
