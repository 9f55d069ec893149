// Morocco's twelve regions (2015 division), the only location a job or a candidate profile records: a candidate's
// address is never asked for (issue 7: nothing beyond the chosen region).

export const REGIONS = [
  { id: "tanger-tetouan-al-hoceima", label: { fr: "Tanger-Tétouan-Al Hoceïma", ar: "طنجة تطوان الحسيمة", en: "Tanger-Tetouan-Al Hoceima" } },
  { id: "oriental", label: { fr: "L'Oriental", ar: "الشرق", en: "Oriental" } },
  { id: "fes-meknes", label: { fr: "Fès-Meknès", ar: "فاس مكناس", en: "Fez-Meknes" } },
  { id: "rabat-sale-kenitra", label: { fr: "Rabat-Salé-Kénitra", ar: "الرباط سلا القنيطرة", en: "Rabat-Sale-Kenitra" } },
  { id: "beni-mellal-khenifra", label: { fr: "Béni Mellal-Khénifra", ar: "بني ملال خنيفرة", en: "Beni Mellal-Khenifra" } },
  { id: "casablanca-settat", label: { fr: "Casablanca-Settat", ar: "الدار البيضاء سطات", en: "Casablanca-Settat" } },
  { id: "marrakech-safi", label: { fr: "Marrakech-Safi", ar: "مراكش آسفي", en: "Marrakesh-Safi" } },
  { id: "draa-tafilalet", label: { fr: "Drâa-Tafilalet", ar: "درعة تافيلالت", en: "Draa-Tafilalet" } },
  { id: "souss-massa", label: { fr: "Souss-Massa", ar: "سوس ماسة", en: "Souss-Massa" } },
  { id: "guelmim-oued-noun", label: { fr: "Guelmim-Oued Noun", ar: "كلميم واد نون", en: "Guelmim-Oued Noun" } },
  { id: "laayoune-sakia-el-hamra", label: { fr: "Laâyoune-Sakia El Hamra", ar: "العيون الساقية الحمراء", en: "Laayoune-Sakia El Hamra" } },
  { id: "dakhla-oued-ed-dahab", label: { fr: "Dakhla-Oued Ed-Dahab", ar: "الداخلة وادي الذهب", en: "Dakhla-Oued Ed-Dahab" } },
] as const;

export type RegionId = (typeof REGIONS)[number]["id"];

export function isRegion(value: string): value is RegionId {
  return REGIONS.some((r) => r.id === value);
}

export function regionLabel(id: string, language: string) {
  const region = REGIONS.find((r) => r.id === id);
  if (!region) return id;
  return language === "ar" ? region.label.ar : language === "en" ? region.label.en : region.label.fr;
}

/** Working languages a job may need or a candidate may offer: the three UI languages, Amazigh and Darija. */
export const WORK_LANGUAGES = ["ar", "fr", "en", "ber", "dar"] as const;
export type WorkLanguage = (typeof WORK_LANGUAGES)[number];
