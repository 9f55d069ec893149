import type { MetaDescriptor } from "@remix-run/node";
import { fallbackLanguage, isLanguage, resources } from "~/lib/i18n";

type Catalogue = { [key: string]: string | Catalogue };
type Match = { id: string; data: unknown };

function lookup(catalogue: Catalogue, key: string) {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : key;
}

/** A translated <title> for a route, in the language the root loader chose. */
export function pageMeta(matches: ReadonlyArray<Match | undefined>, titleKey: string): MetaDescriptor[] {
  const rootData = matches.find((m) => m?.id === "root")?.data;
  const locale = rootData && typeof rootData === "object" && "locale" in rootData ? rootData.locale : undefined;
  const language = isLanguage(locale) ? locale : fallbackLanguage;
  const catalogue = resources[language].common as Catalogue;
  return [{ title: `${lookup(catalogue, titleKey)} · ${lookup(catalogue, "brand.name")}` }];
}
