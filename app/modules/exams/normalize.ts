// Text normalisation for grading short-text answers and matching rubric keywords. Pure and deterministic.
//
// Both sides of a comparison (the learner's text and the accepted answer or keyword) go through the same function,
// so a rule only has to make variants that learners really type collapse to one form. The rules, in order:
//
//  1. Unicode NFKC: compatibility forms become ordinary characters (full-width Latin letters and digits, the "ﬁ"
//     ligature, Arabic presentation forms U+FB50–U+FEFF copied from PDFs → the base Arabic letters).
//  2. Invisible format characters are removed: zero-width space/joiners, LRM/RLM and the Arabic letter mark,
//     bidi embeddings and isolates, word joiner, BOM, soft hyphen (text pasted from Arabic editors carries them).
//  3. Lower-case (locale-independent).
//  4. Latin ligatures that NFKC keeps are spelled out: œ → oe, æ → ae, ß → ss ("œuvre" = "oeuvre").
//  5. Arabic letter variants are unified: alef with hamza above/below, alef madda and alef wasla (أ إ آ ٱ, and
//     the rare wavy-hamza alefs ٲ ٳ ٵ) → ا; alef maqsura ى and Persian yeh ی → ي; ئ → ي; ؤ → و; taa marbuta
//     ة → ه; Persian keheh ک → ك. (So "مسؤولية" = "مسوولية" and "الإدارة" = "الادارة"; note that the distinct
//     spelling "مسئولية", whose hamza sits on a yaa, stays different: ئ → ي, ؤ → و.)
//  6. Diacritics are removed: Unicode NFD, then Latin combining marks U+0300–U+036F (accents: "Données" =
//     "donnees") and Arabic marks — harakat and tanwin, shadda, sukun, the hamza/madda combining marks U+0653–U+0655,
//     superscript (dagger) alef U+0670, and Quranic annotation signs U+0610–U+061A, U+06D6–U+06ED. Then NFC again.
//  7. Tatweel (kashida) U+0640 is removed ("الذكـــاء" = "الذكاء").
//  8. Arabic-Indic digits ٠–٩ and Eastern Arabic-Indic (Persian) digits ۰–۹ → 0–9; the Arabic decimal separator
//     ٫ → ".", the Arabic thousands separator ٬ → ",", the Arabic percent sign ٪ → "%".
//  9. Dotted acronyms lose their dots: "C.N.D.P." = "C.N.D.P" = "cndp" (two or more single letters each followed by a
//     dot, the last dot optional).
// 10. A comma between two digits is a decimal comma and becomes a dot ("0,49" = "0.49").
// 11. Every other punctuation character (Unicode category P) becomes a space: . , ; : ! ? and the Arabic ، ؛ ؟,
//     straight and curly quotes and apostrophes, guillemets « », brackets, hyphens and dashes, slashes, ellipsis,
//     # % & @ … — except a dot between two digits (a decimal point). So "« Apprentissage supervisé ! »" =
//     "apprentissage supervise", "few-shot" = "few shot", "l’IA" = "l'IA" = "l ia". Symbols (category S: + = $ €)
//     are kept.
// 12. Runs of whitespace (any Unicode space, including the no-break spaces used before French ; : ! ?) become one
//     space, and the result is trimmed — which also strips all punctuation that surrounded the answer.

const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const ALEF_VARIANTS = /[\u0622\u0623\u0625\u0671\u0672\u0673\u0675]/g; // آ أ إ ٱ ٲ ٳ ٵ
const YEH_VARIANTS = /[\u0649\u06CC\u0626]/g; // ى ی ئ
const WAW_HAMZA = /\u0624/g; // ؤ
const TAA_MARBUTA = /\u0629/g; // ة
const KEHEH = /\u06A9/g; // ک
const LATIN_MARKS = /[\u0300-\u036F]/g;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const EASTERN_ARABIC_INDIC_DIGITS = /[\u06F0-\u06F9]/g;
const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])(?:\p{L}\.){1,}\p{L}\.?(?![\p{L}\p{N}])/gu;
const DECIMAL_COMMA = /(?<=\d),(?=\d)/g;
const PUNCTUATION = /\p{P}/gu;
const WHITESPACE = /\s+/gu;

function isAsciiDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** Normalises a short answer or keyword for comparison (rules above). Never throws; "" for blank input. */
export function normalizeAnswerText(text: string): string {
  if (typeof text !== "string") return "";
  return text
    .normalize("NFKC") // 1
    .replace(INVISIBLE, "") // 2
    .toLowerCase() // 3
    .replace(/œ/g, "oe") // 4
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(ALEF_VARIANTS, "\u0627") // 5
    .replace(YEH_VARIANTS, "\u064A")
    .replace(WAW_HAMZA, "\u0648")
    .replace(TAA_MARBUTA, "\u0647")
    .replace(KEHEH, "\u0643")
    .normalize("NFD") // 6
    .replace(LATIN_MARKS, "")
    .replace(ARABIC_MARKS, "")
    .normalize("NFC")
    .replace(TATWEEL, "") // 7
    .replace(ARABIC_INDIC_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0660)) // 8
    .replace(EASTERN_ARABIC_INDIC_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, ",")
    .replace(/\u066A/g, "%")
    .replace(DOTTED_ACRONYM, (acronym) => acronym.replace(/\./g, "")) // 9
    .replace(DECIMAL_COMMA, ".") // 10
    .replace(PUNCTUATION, (char: string, offset: number, whole: string) =>
      char === "." && isAsciiDigit(whole[offset - 1]) && isAsciiDigit(whole[offset + 1]) ? "." : " "
    ) // 11
    .replace(WHITESPACE, " ") // 12
    .trim();
}
