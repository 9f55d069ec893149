import { describe, expect, it } from "vitest";
import { normalizeAnswerText } from "./normalize";

const same = (a: string, b: string) => expect(normalizeAnswerText(a)).toBe(normalizeAnswerText(b));
const different = (a: string, b: string) => expect(normalizeAnswerText(a)).not.toBe(normalizeAnswerText(b));

describe("normalizeAnswerText — Latin script", () => {
  it("trims, collapses whitespace and lower-cases", () => {
    expect(normalizeAnswerText("  Supervised \t\n  LEARNING  ")).toBe("supervised learning");
  });

  it("removes French accents", () => {
    expect(normalizeAnswerText("Données")).toBe("donnees");
    same("Données", "donnees");
    same("Apprentissage SUPERVISÉ", "apprentissage supervise");
    same("néo-tifinagh", "neo tifinagh");
    same("s'il vous plaît", "S’IL VOUS PLAIT");
  });

  it("spells out ligatures and compatibility forms", () => {
    same("œuvre", "oeuvre");
    same("Ｃａｆé", "cafe"); // full-width letters
    same("ﬁchier", "fichier");
  });

  it("turns punctuation, quotes, guillemets and apostrophes into spaces and strips it around the answer", () => {
    expect(normalizeAnswerText("« Apprentissage supervisé ! »")).toBe("apprentissage supervise");
    expect(normalizeAnswerText('"supervised learning."')).toBe("supervised learning");
    expect(normalizeAnswerText("(CNDP) ;")).toBe("cndp");
    same("few-shot", "few shot");
    same("biais d'automatisation", "biais d automatisation");
    same("l’IA", "l'IA");
    same("apprentissage\u00a0supervisé\u202f!", "apprentissage supervise");
  });

  it("drops the dots of dotted acronyms", () => {
    expect(normalizeAnswerText("C.N.D.P.")).toBe("cndp");
    same("C.N.D.P", "CNDP");
    same("c.n.d.p.", "cndp");
  });

  it("keeps decimal points and reads a decimal comma as a point", () => {
    expect(normalizeAnswerText("0,49")).toBe("0.49");
    expect(normalizeAnswerText("0.49.")).toBe("0.49");
    expect(normalizeAnswerText("1, 2")).toBe("1 2");
  });

  it("removes invisible format characters", () => {
    same("super\u200bvised\u200f", "supervised");
    same("\ufeffCNDP", "cndp");
  });

  it("returns an empty string for blank or punctuation-only input", () => {
    expect(normalizeAnswerText("")).toBe("");
    expect(normalizeAnswerText("   ")).toBe("");
    expect(normalizeAnswerText(" ?! … « » ")).toBe("");
  });

  it("keeps different words different", () => {
    different("supervised", "unsupervised");
    different("pay", "payment");
  });
});

describe("normalizeAnswerText — Arabic script", () => {
  it("unifies alef and hamza forms", () => {
    same("الإدارة", "الادارة");
    same("أساسيات", "اساسيات");
    same("آلة", "الة");
    same("ٱلتعلم", "التعلم");
  });

  it("unifies waw and yaa with hamza, alef maqsura and taa marbuta", () => {
    same("مسؤولية", "مسوولية");
    same("مسؤولية", "مسووليه");
    same("مسؤوليّة", "مسؤولية"); // shadda
    same("مستوى", "مستوي");
    same("هيئة", "هييه");
    same("فلاحة", "فلاحه");
    // A different spelling with the hamza on a yaa seat stays a different word (documented rule 5).
    different("مسؤولية", "مسئولية");
  });

  it("removes diacritics (harakat, tanwin, shadda, sukun, superscript alef)", () => {
    same("الذَّكَاءُ الاِصْطِنَاعِيُّ", "الذكاء الاصطناعي");
    same("كِتَابٌ", "كتاب");
    same("هٰذا", "هذا");
  });

  it("removes tatweel", () => {
    same("الذكـــاء", "الذكاء");
    same("الإشـــراف", "الاشراف");
  });

  it("turns Arabic-Indic and Eastern Arabic-Indic digits into 0-9", () => {
    expect(normalizeAnswerText("٣")).toBe("3");
    expect(normalizeAnswerText("٠٩-٠٨")).toBe("09 08");
    expect(normalizeAnswerText("۱۲۳")).toBe("123");
    expect(normalizeAnswerText("١٢٫٥")).toBe("12.5");
    same("القانون ٠٩.٠٨", "القانون 09.08");
  });

  it("strips Arabic punctuation", () => {
    expect(normalizeAnswerText("التعلم الخاضع للإشراف؟")).toBe(normalizeAnswerText("التعلم الخاضع للاشراف"));
    same("«التعلم الموجه»،", "التعلم الموجه");
    same("أولاً؛ ثانياً", "اولا ثانيا");
  });

  it("maps Arabic presentation forms (copied from PDFs) to ordinary letters", () => {
    same("\uFEDF\uFE8E", "لا"); // initial lam + final alef
    same("\uFEFB", "لا"); // the lam-alef ligature
  });

  it("does not touch Tifinagh", () => {
    expect(normalizeAnswerText("ⵜⴰⵎⴰⵣⵉⵖⵜ")).toBe("ⵜⴰⵎⴰⵣⵉⵖⵜ");
  });
});
