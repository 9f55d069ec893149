// Hand-written exam items covering every item type, shaped exactly as the content loader returns them
// (ExamItemDef with the type-specific keys as written in exam.yaml). Used by the tests of this folder only.
import type { ExamDef, ExamItemDef, ExamPoolDef } from "../catalog/content/types";
import { saveResponses } from "./attempts.server";

const text = (en: string, fr = `${en} (fr)`, ar = `${en} (ar)`) => ({ fr, ar, en });

export const singleItem: ExamItemDef = {
  id: "t-single",
  pool: "basics",
  type: "single",
  points: 1,
  prompt: text("Which one is an AI system?"),
  options: [
    { id: "a", text: text("A form") },
    { id: "b", text: text("A trained model"), correct: true },
    { id: "c", text: text("A spreadsheet") },
  ],
  explanation: text("Only the trained model infers."),
};

export const multiplePartialItem: ExamItemDef = {
  id: "t-multiple-partial",
  pool: "basics",
  type: "multiple",
  scoring: "partial",
  points: 3,
  prompt: text("Which statements are true?"),
  options: [
    { id: "a", text: text("True one"), correct: true },
    { id: "b", text: text("True two"), correct: true },
    { id: "c", text: text("True three"), correct: true },
    { id: "d", text: text("False one") },
    { id: "e", text: text("False two") },
  ],
  explanation: text("a, b and c."),
};

export const multipleStrictItem: ExamItemDef = {
  ...multiplePartialItem,
  id: "t-multiple-strict",
  scoring: "all_or_nothing",
};

export const trueFalseItem: ExamItemDef = {
  id: "t-true-false",
  pool: "basics",
  type: "true_false",
  points: 1,
  prompt: text("A fluent chatbot understands meaning."),
  answer: false,
  explanation: text("False: fluency is not understanding."),
};

export const numericItem: ExamItemDef = {
  id: "t-numeric",
  pool: "numbers",
  type: "numeric",
  points: 2,
  prompt: text("Compute Cohen's kappa (two decimals)."),
  answer: 0.49,
  tolerance: 0.01,
  unit: text("points"),
  explanation: text("0.24 / 0.49 ≈ 0.49"),
};

export const exactNumericItem: ExamItemDef = {
  id: "t-numeric-exact",
  pool: "numbers",
  type: "numeric",
  points: 1,
  prompt: text("How many rows?"),
  answer: 38000,
  tolerance: 0,
  explanation: text("38000"),
};

export const shortTextItem: ExamItemDef = {
  id: "t-short",
  pool: "words",
  type: "short_text",
  points: 1,
  prompt: text("Name the learning type that uses labelled examples."),
  accepted: {
    fr: ["apprentissage supervisé", "C.N.D.P."],
    ar: ["التعلم الخاضع للإشراف", "المسؤولية"],
    en: ["supervised learning"],
  },
  explanation: text("Supervised learning."),
};

export const orderingItem: ExamItemDef = {
  id: "t-ordering",
  pool: "steps",
  type: "ordering",
  points: 2,
  prompt: text("Put the stages in order."),
  items: [
    { id: "s1", text: text("Collect") },
    { id: "s2", text: text("Pre-train") },
    { id: "s3", text: text("Tune") },
    { id: "s4", text: text("Deploy") },
  ],
  explanation: text("Collect, pre-train, tune, deploy."),
};

export const matchingItem: ExamItemDef = {
  id: "t-matching",
  pool: "steps",
  type: "matching",
  points: 2,
  prompt: text("Match each need with a family of AI."),
  pairs: [
    { id: "p1", left: text("Vibrations"), right: text("Anomaly detection") },
    { id: "p2", left: text("Leaf photo"), right: text("Computer vision") },
    { id: "p3", left: text("Draft a reply"), right: text("Generative AI") },
    { id: "p4", left: text("Suggest tours"), right: text("Recommender system") },
  ],
  explanation: text("Anomaly, vision, generative, recommendation."),
};

export const openItem: ExamItemDef = {
  id: "t-open",
  pool: "scenario",
  type: "open",
  points: 4,
  prompt: text("How do you check an AI-generated note?"),
  rubric: [
    {
      id: "r1",
      points: 1,
      description: text("Checks each figure at an official source."),
      keywords: {
        fr: ["source officielle", "ministère"],
        ar: ["مصدر رسمي", "الوزارة"],
        en: ["official source", "ministry"],
      },
    },
    {
      id: "r2",
      points: 1,
      description: text("Checks the reports exist."),
      keywords: { fr: ["rapport", "référence"], ar: ["التقرير", "الإحالة"], en: ["report", "reference"] },
    },
    {
      id: "r3",
      points: 1,
      description: text("Checks or deletes the quotation."),
      keywords: { fr: ["citation"], ar: ["الاقتباس"], en: ["quotation", "quote"] },
    },
    {
      id: "r4",
      points: 1,
      description: text("Discloses AI use and gets approval."),
      keywords: {
        fr: ["usage de l'IA", "valider"],
        ar: ["استعمال الذكاء الاصطناعي", "المصادقة"],
        en: ["AI use", "approval", "pay"],
      },
    },
  ],
  explanation: text("Confirm figures, open reports, check the quote, disclose and approve."),
};

export const allItems: ExamItemDef[] = [
  singleItem,
  multiplePartialItem,
  multipleStrictItem,
  trueFalseItem,
  numericItem,
  exactNumericItem,
  shortTextItem,
  orderingItem,
  matchingItem,
  openItem,
];

export const pools: ExamPoolDef[] = [
  { id: "basics", title: text("Basics"), skill: "ai-concepts", draw: 2 },
  { id: "numbers", title: text("Numbers"), skill: "data-literacy", draw: 1 },
  { id: "words", title: text("Words"), skill: "ai-concepts", draw: 1 },
  { id: "steps", title: text("Steps"), skill: "llm-fundamentals", draw: 2 },
  { id: "scenario", title: text("Scenario"), skill: "output-verification", draw: 1 },
];

export const fixtureExam: ExamDef = {
  id: "fixture-exam",
  file: "fixture/exam.yaml",
  title: text("Fixture exam"),
  timeLimitMinutes: 30,
  passMarkPercent: 70,
  attemptsAllowed: 3,
  cooldownHours: 24,
  availableFrom: null,
  availableUntil: null,
  gradeMethod: "highest",
  feedback: "after_submit",
  shuffleOptions: true,
  pools,
  items: allItems,
  raw: null,
};

/** One answer saved as the exam page's autosave does it (saveResponses with a single item), for tests. */
export function saveResponse({ itemId, response, ...rest }: { attemptId: string; userId: string; itemId: string; response: unknown; now?: Date }) {
  return saveResponses({ ...rest, responses: { [itemId]: response } });
}
