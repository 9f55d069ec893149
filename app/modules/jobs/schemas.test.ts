import { describe, expect, it } from "vitest";
import { EMPTY_JOB_FORM, type JobFormValues, parseJobForm, readJobFormValues } from "./schemas";

const taxonomy = { skillIds: ["agri-data", "ai-data-analysis", "prompting"], tierLevels: [1, 2, 3] };

const valid: JobFormValues = {
  employerId: "org-1",
  title: "  Chargé·e de données agricoles ",
  description: "Collecter les données des parcelles et préparer des tableaux de bord d'irrigation.",
  workMode: "HYBRID",
  region: "souss-massa",
  contractType: "CDI",
  languages: ["fr", "dar", "fr"],
  requiredSkills: ["agri-data"],
  niceSkills: ["ai-data-analysis"],
  minTier: "2",
};

describe("job post form", () => {
  it("reads every field as typed, lists included", () => {
    const form = new FormData();
    for (const [name, value] of [
      ["title", "Titre"],
      ["description", "Texte"],
      ["languages", "fr"],
      ["languages", "ber"],
      ["requiredSkills", "agri-data"],
      ["minTier", ""],
    ]) {
      form.append(name, value);
    }
    expect(readJobFormValues(form)).toEqual({ ...EMPTY_JOB_FORM, workMode: "", title: "Titre", description: "Texte", languages: ["fr", "ber"], requiredSkills: ["agri-data"] });
  });

  it("accepts a complete post, trimmed and deduplicated", () => {
    const parsed = parseJobForm({ values: valid, ...taxonomy });
    expect(parsed).toEqual({
      ok: true,
      input: {
        title: "Chargé·e de données agricoles",
        description: valid.description,
        workMode: "HYBRID",
        region: "souss-massa",
        contractType: "CDI",
        languages: ["fr", "dar"],
        requiredSkills: ["agri-data"],
        niceSkills: ["ai-data-analysis"],
        minTier: 2,
      },
    });
  });

  it("lets a remote post have no region, and stores no tier as null", () => {
    const parsed = parseJobForm({ values: { ...valid, workMode: "REMOTE", region: "", minTier: "" }, ...taxonomy });
    expect(parsed.ok && parsed.input).toMatchObject({ workMode: "REMOTE", region: null, minTier: null });
  });

  it("reports every problem at once, as catalogue keys per field", () => {
    const parsed = parseJobForm({ values: { ...EMPTY_JOB_FORM, title: "x", languages: [], contractType: "CDI2", minTier: "7" }, ...taxonomy });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        title: ["employerJobs.errors.title_too_short"],
        description: ["employerJobs.errors.description_too_short"],
        contractType: ["employerJobs.errors.contract_invalid"],
        languages: ["employerJobs.errors.languages_required"],
        requiredSkills: ["employerJobs.errors.required_skill_needed"],
        minTier: ["employerJobs.errors.tier_invalid"],
        // Cross-field rules run even while other fields are wrong.
        region: ["employerJobs.errors.region_required"],
      },
    });
  });

  it("refuses unknown skills, regions, languages and work modes, and a skill both required and nice-to-have", () => {
    const parsed = parseJobForm({
      values: { ...valid, region: "paris", languages: ["fr", "de"], workMode: "MOON", requiredSkills: ["agri-data", "forged-skill"], niceSkills: ["agri-data"] },
      ...taxonomy,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.region).toEqual(["employerJobs.errors.region_invalid"]);
    expect(parsed.errors.languages).toEqual(["employerJobs.errors.language_invalid"]);
    expect(parsed.errors.workMode).toEqual(["employerJobs.errors.work_mode_invalid"]);
    expect(parsed.errors.requiredSkills).toEqual(["employerJobs.errors.skill_unknown"]);
    expect(parsed.errors.niceSkills).toEqual(["employerJobs.errors.skill_both"]);
  });

  it("caps the skill lists and the text lengths", () => {
    const many = Array.from({ length: 13 }, (_, i) => `s${i}`);
    const parsed = parseJobForm({ values: { ...valid, title: "t".repeat(141), description: "d".repeat(8_001), requiredSkills: many }, skillIds: many, tierLevels: [1] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.title).toEqual(["employerJobs.errors.title_too_long"]);
    expect(parsed.errors.description).toEqual(["employerJobs.errors.description_too_long"]);
    expect(parsed.errors.requiredSkills).toEqual(["employerJobs.errors.too_many_skills"]);
  });
});
