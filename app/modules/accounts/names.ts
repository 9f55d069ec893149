// The name printed on a person's certificates (pure): the one they gave for certificates, else their display name;
// with its Latin spelling after a slash when they gave both ("محمد أمين بن علي / Mohamed Amine Benali").
export type NamedPerson = { name: string; certificateName?: string | null; certificateNameLatin?: string | null };

export function nameOnCertificates({ name, certificateName, certificateNameLatin }: NamedPerson) {
  const main = certificateName?.trim() || name.trim();
  const latin = certificateNameLatin?.trim();
  return latin && latin !== main ? `${main} / ${latin}` : main;
}
