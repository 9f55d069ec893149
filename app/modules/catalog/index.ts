// The catalog module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/catalog/index.server" instead (docs/decisions/029-module-front-doors.md).
export { courseAccess } from "./access";
export { CONTENT_LANGUAGES } from "./content/types";
export type { ContentLanguage, ExamItemDef, Localized, LocalizedList, PracticeQuestionDef, PracticeTaskDef } from "./content/types";
export { isSelfCheckSection, markdownToPlainText, selfCheckQuestions, splitLessonSections } from "./lesson-sections";
export { localized } from "./localize";
export { matchesQuery, normalizeForSearch } from "./search";
