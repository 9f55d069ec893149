// Keyword lists grown from the lessons (pure): the phrases that the lessons teaching a skill use often and the other
// lessons hardly use, per language. The local skill suggester adds them to the hand-written lists of
// skill-keywords.ts, so a new lesson ("analyse des avis clients", "tarification dynamique") makes its vocabulary
// suggest its skills without anyone editing a list.
//
// A phrase is 2 or 3 consecutive words (after the suggester's own normalisation), neither starting nor ending with a
// grammatical word, seen at least `minCount` times in at least `minLessons` of the lessons of the skill (a phrase of
// one lesson's worked example, "huile d'argan", says nothing about the skill) and with at least `minShare` of all its
// uses there. Single words are never mined: "données" or "client" alone would suggest a skill for every job.
import type { SkillKeywords } from "./skill-keywords";
import { tokenize } from "./keyword-suggester";

export type LessonText = { skills: readonly string[]; language: string; body: string };

const LANGUAGES = ["fr", "ar", "en"] as const;
type Language = (typeof LANGUAGES)[number];

export const LESSON_KEYWORD_RULES = { minCount: 3, minLessons: 2, minShare: 0.75, perSkillAndLanguage: 8 } as const;

// Grammatical words a phrase may hold inside ("protection des données") but never start or end with. Written as
// read; tokenize() normalises them like the text (accents, Arabic letter variants).
const STOPWORDS: Record<Language, string> = {
  fr: `a à au aux avec ce ces cet cette c ça d dans de des du elle elles en est et être il ils je la le les leur leurs l lui
    ma mais me même mes moi mon n ne ni nos notre nous on ont ou où par pas peut plus pour qu que quel quelle qui sa sans se
    ses si son sont sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous y s j m t été fait faire comme bien
    aussi alors donc car très peu avant après entre chaque autre autres déjà encore ici là sous vers chez afin dont ainsi`,
  en: `a an and are as at be been but by can could do does for from had has have he her his how i if in into is it its may
    more most must no not of on or our out she should so such than that the their them then there these they this those to
    too up us was we were what when where which who will with would you your each other also only very any all some`,
  ar: `في من على إلى الى عن أن ان إن لا ما هذا هذه ذلك تلك التي الذي الذين كل أو او ثم مع قد لم لن هو هي هم كان كانت يكون
    تكون عند بين بعد قبل حتى إذا اذا لكن أي اي غير كما لها له لهم فيها فيه منها منه عليها عليه وهو وهي أيضا ايضا هل بل إلا الا
    دون ضد كيف متى حيث لماذا عندما ليس ليست نحن أنت انت أنتم هنا هناك`,
};

const stopwordsOf = new Map(LANGUAGES.map((l) => [l, new Set(tokenize(STOPWORDS[l]))]));

/** The words of a lesson's text: markdown syntax, link targets, code and numbers left out. */
function lessonWords(body: string) {
  const text = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/https?:\/\/\S+/g, " ");
  return tokenize(text);
}

function isContentWord(word: string, stopwords: Set<string>) {
  return word.length >= 3 && !stopwords.has(word) && !/\d/.test(word);
}

/** The 2- and 3-word phrases of a text, each occurrence counted. */
function phrasesOf(words: readonly string[], stopwords: Set<string>) {
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (!isContentWord(words[i], stopwords)) continue;
    for (const size of [2, 3]) {
      const last = words[i + size - 1];
      if (last === undefined || !isContentWord(last, stopwords)) continue;
      const phrase = words.slice(i, i + size).join(" ");
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    }
  }
  return counts;
}

/** Per skill, per language, the phrases its lessons use distinctively (most used first). */
export function mineLessonKeywords(lessons: readonly LessonText[], rules = LESSON_KEYWORD_RULES): Record<string, SkillKeywords> {
  const mined: Record<string, Record<Language, string[]>> = {};
  for (const language of LANGUAGES) {
    const stopwords = stopwordsOf.get(language) ?? new Set<string>();
    const total = new Map<string, number>();
    const bySkill = new Map<string, Map<string, { count: number; lessons: number }>>();
    for (const lesson of lessons) {
      if (lesson.language !== language) continue;
      const counts = phrasesOf(lessonWords(lesson.body), stopwords);
      for (const [phrase, n] of counts) total.set(phrase, (total.get(phrase) ?? 0) + n);
      for (const skill of new Set(lesson.skills)) {
        const own = bySkill.get(skill) ?? new Map<string, { count: number; lessons: number }>();
        for (const [phrase, n] of counts) {
          const seen = own.get(phrase) ?? { count: 0, lessons: 0 };
          own.set(phrase, { count: seen.count + n, lessons: seen.lessons + 1 });
        }
        bySkill.set(skill, own);
      }
    }
    for (const [skill, counts] of bySkill) {
      const chosen = [...counts]
        .filter(([phrase, { count, lessons }]) => count >= rules.minCount && lessons >= rules.minLessons && count / (total.get(phrase) ?? count) >= rules.minShare)
        .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
        .slice(0, rules.perSkillAndLanguage)
        .map(([phrase]) => phrase);
      (mined[skill] ??= { fr: [], ar: [], en: [] })[language] = chosen;
    }
  }
  return mined;
}

/** The hand-written lists with the mined phrases added (a phrase already listed is not repeated). */
export function withLessonKeywords(
  written: Readonly<Record<string, SkillKeywords>>,
  mined: Readonly<Record<string, SkillKeywords>>,
): Record<string, SkillKeywords> {
  const merged: Record<string, SkillKeywords> = { ...written };
  for (const [skill, lists] of Object.entries(mined)) {
    const base = written[skill] ?? { fr: [], ar: [], en: [] };
    const add = (language: Language) => {
      const known = new Set(base[language].map((p) => tokenize(p).join(" ")));
      return [...base[language], ...lists[language].filter((p) => !known.has(p))];
    };
    merged[skill] = { fr: add("fr"), ar: add("ar"), en: add("en") };
  }
  return merged;
}
