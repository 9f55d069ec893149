// Reads the exam page's plain HTML form (fields named r.<itemId>.<part>, see app/modules/exams/form.ts) and picks a
// valid answer for every item, so the benchmark can post what a browser would.

export type BenchItem = { id: string; fields: Array<[string, string]> };

function attributes(tag: string) {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:-]+)="([^"]*)"/g)) out[m[1].toLowerCase()] = decode(m[2]);
  return out;
}

function decode(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const pick = <T>(values: T[]) => values[Math.floor(Math.random() * values.length)];

/** The items in page order, each with the fields of one valid answer. */
export function parseExamForm(html: string): BenchItem[] {
  type Draft = { radios: Map<string, string[]>; checkboxes: Map<string, string[]>; fixed: Array<[string, string]>; positions: string[]; selects: Map<string, string[]> };
  const drafts = new Map<string, Draft>();
  const draftOf = (name: string) => {
    const id = name.split(".")[1];
    let d = drafts.get(id);
    if (!d) {
      d = { radios: new Map(), checkboxes: new Map(), fixed: [], positions: [], selects: new Map() };
      drafts.set(id, d);
    }
    return d;
  };
  let currentSelect: string | null = null;
  for (const m of html.matchAll(/<(\/?)(input|select|textarea|option)\b([^>]*)>/gi)) {
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    if (tag === "select" && closing) {
      currentSelect = null;
      continue;
    }
    if (closing) continue;
    const a = attributes(m[3]);
    if (tag === "option") {
      if (currentSelect && a.value) draftOf(currentSelect).selects.get(currentSelect)?.push(a.value);
      continue;
    }
    const name = a.name ?? "";
    if (!name.startsWith("r.")) continue;
    const d = draftOf(name);
    if (tag === "select") {
      currentSelect = name;
      d.selects.set(name, []);
      if (name.split(".")[2] === "pos") d.positions.push(name);
    } else if (tag === "textarea") {
      d.fixed.push([name, "Je vérifierais les données, les biais et la confidentialité avant d'utiliser le modèle."]);
    } else if (a.type === "radio") {
      d.radios.set(name, [...(d.radios.get(name) ?? []), a.value ?? ""]);
    } else if (a.type === "checkbox") {
      d.checkboxes.set(name, [...(d.checkboxes.get(name) ?? []), a.value ?? ""]);
    } else if (a.type === "hidden") {
      d.fixed.push([name, a.value ?? ""]);
    } else {
      d.fixed.push([name, "42"]);
    }
  }
  return [...drafts.entries()].map(([id, d]) => {
    const fields: Array<[string, string]> = [...d.fixed];
    for (const [name, values] of d.radios) fields.push([name, pick(values)]);
    for (const [name, values] of d.checkboxes) {
      for (const v of values.filter(() => Math.random() < 0.5)) fields.push([name, v]);
      if (!fields.some(([n]) => n === name)) fields.push([name, pick(values)]);
    }
    // Ordering: a random permutation of positions 1..n; matching: any right-hand choice per left entry.
    const order = d.positions.map((_, i) => i + 1).sort(() => Math.random() - 0.5);
    d.positions.forEach((name, i) => fields.push([name, String(order[i])]));
    for (const [name, values] of d.selects) if (!d.positions.includes(name) && values.length > 0) fields.push([name, pick(values)]);
    return { id, fields };
  });
}
