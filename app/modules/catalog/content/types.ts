// The curriculum as loaded from content/ (see content/FORMAT.md). Framework-free: no Prisma, no Remix.

export const CONTENT_LANGUAGES = ["fr", "ar", "en"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** Text in some of the languages; a course declares which ones it ships. */
export type Localized = Partial<Record<ContentLanguage, string>>;

/** One problem found by the loader: reported as `file:line: message` (file relative to the content root). */
export type ContentProblem = { file: string; line: number; message: string };

export type SkillDef = { id: string; label: Localized; description: Localized; esco: string | null };

export type TierDef = { level: 1 | 2 | 3; id: string; title: Localized; description: Localized };

export type LessonTranslation = {
  language: ContentLanguage;
  /** Path relative to the content root, e.g. courses/ai-foundations/lessons/what-ai-is.fr.md */
  file: string;
  title: string;
  summary: string;
  durationMinutes: number;
  skills: string[];
  updated: string | null;
  sources: Array<{ title: string; url: string }>;
  /** Markdown body without the front-matter. */
  body: string;
};

export type LessonDef = {
  id: string;
  moduleId: string;
  /** 0-based order across the whole course. */
  position: number;
  translations: Partial<Record<ContentLanguage, LessonTranslation>>;
};

export type ModuleDef = { id: string; title: Localized; lessonIds: string[] };

export type ExamPoolDef = { id: string; title: Localized; skill: string; draw: number };

/** One exam item exactly as written in exam.yaml (keys per FORMAT.md); the exam engine interprets it. */
export type ExamItemDef = {
  id: string;
  pool: string;
  type: "single" | "multiple" | "true_false" | "numeric" | "short_text" | "ordering" | "matching" | "open";
  points: number;
  prompt: Localized;
  /** The remaining type-specific keys (options, answer, tolerance, accepted, items, pairs, rubric, scoring, …). */
  [key: string]: unknown;
};

export type ExamDef = {
  id: string;
  file: string;
  title: Localized;
  timeLimitMinutes: number;
  passMarkPercent: number;
  attemptsAllowed: number;
  cooldownHours: number;
  gradeMethod: "highest" | "last";
  feedback: "after_submit" | "after_review" | "never";
  shuffleOptions: boolean;
  /** Optional availability window (ISO date-times); outside it no attempt starts, and attempts end at its close. */
  availableFrom: string | null;
  availableUntil: string | null;
  pools: ExamPoolDef[];
  items: ExamItemDef[];
  /** The exam.yaml file's parsed content, kept whole for versioning (hash) and for the exam engine. */
  raw: unknown;
  /** Loaded from the deployment's private banks (EXAM_BANKS_DIR), not from content/. */
  isPrivate?: true;
};

export type CourseDef = {
  id: string;
  /** Folder relative to the content root, e.g. courses/ai-foundations */
  dir: string;
  tier: 1 | 2 | 3;
  track: string | null;
  title: Localized;
  summary: Localized;
  outcomes: Localized[];
  skills: string[];
  durationMinutes: number;
  languages: ContentLanguage[];
  prerequisites: string[];
  modules: ModuleDef[];
  lessons: LessonDef[];
  exam: ExamDef | null;
  /** Study mode's practice lab tasks and spaced-practice questions (practice.yaml), when the course has them. */
  practice?: PracticeDef | null;
};

export type Curriculum = { skills: SkillDef[]; tiers: TierDef[]; courses: CourseDef[] };

// ---------------------------------------------------------------------------------------------------------------
// practice.yaml (study mode; FORMAT.md "practice.yaml")

export type LocalizedList = Partial<Record<ContentLanguage, string[]>>;

export const PRACTICE_TASK_KINDS = ["write_prompt", "check_answer", "improve_draft"] as const;
export type PracticeTaskKind = (typeof PRACTICE_TASK_KINDS)[number];
/** The five ingredients of a prompt (lesson prompting-well): the rubric lines of a write_prompt task. */
export const PROMPT_INGREDIENTS = ["context", "task", "constraints", "format", "sources"] as const;
export const PLANTED_ERROR_KINDS = ["invented_law", "wrong_figure", "fake_reference", "wrong_fact", "unsafe_advice", "bias"] as const;

export type PracticeRubricLine = { id: string; description: Localized; keywords: LocalizedList };
export type PracticeConstraint =
  | { kind: "max_words" | "min_words"; value: number }
  | { kind: "must_include" | "must_not_include"; label: Localized; any: LocalizedList };
export type PracticeSentence = {
  id: string;
  text: Localized;
  error: { kind: (typeof PLANTED_ERROR_KINDS)[number]; explanation: Localized; keywords: LocalizedList } | null;
};

export type PracticeTaskDef = {
  id: string;
  courseId: string;
  lesson: string;
  kind: PracticeTaskKind;
  title: Localized;
  scenario: Localized;
  rubric: PracticeRubricLine[];
  draft: Localized | null;
  constraints: PracticeConstraint[];
  aiText: PracticeSentence[];
  modelAnswer: Localized | null;
};

export type PracticeQuestionDef = {
  id: string;
  courseId: string;
  lesson: string;
  type: "single" | "true_false";
  prompt: Localized;
  options: Array<{ id: string; text: Localized; correct: boolean }>;
  answer: boolean | null;
  explanation: Localized;
};

export type PracticeDef = {
  file: string;
  tasks: PracticeTaskDef[];
  questions: PracticeQuestionDef[];
  /** The line of each task's and question's entry, for problems found across files. */
  lines: Record<string, number>;
};
