// Options are shown shuffled and unlettered (exams and practice), so an explanation that says "(c)" or "answer b"
// points at nothing the learner saw: it must name the option by its content. Pure.

/** The letter references to options in an explanation ("(c)", "option b", "réponse (a)", "الخيار ب"), if any. */
export function optionLetterReferences(text: string, optionIds: readonly string[]): string[] {
  const letters = optionIds.filter((id) => /^[a-z]$/i.test(id)).map((id) => id.toLowerCase());
  if (letters.length === 0) return [];
  const set = `[${letters.join("")}]`;
  const patterns = [
    // "(c)" alone — not "article 7(c)" or "7 (c)", a law's paragraph.
    new RegExp(`(?<![\\d\\p{L}])(?<!\\d\\s)\\(${set}\\)`, "giu"),
    new RegExp(`\\b(?:options?|r[ée]ponses?|answers?|choix|choices?|propositions?)\\s+\\(?${set}\\)?(?![\\p{L}\\d])`, "giu"),
    new RegExp(`(?:الخيار|الجواب|الاختيار)\\s*\\(?${set}\\)?(?![\\p{L}\\d])`, "giu"),
  ];
  const found = patterns
    .flatMap((pattern) => [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0].trim() })))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // One reference per place: "الخيار (a)" is not also reported as "(a)".
  return found.filter((ref, i) => !found.slice(0, i).some((other) => other.start <= ref.start && other.end >= ref.end)).map((ref) => ref.text);
}
