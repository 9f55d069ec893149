import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO_INSTRUCTOR, DEMO_LEARNER, describeE2e, logIn, seriousViolations, type Lang } from "./helpers";

// Every page at 360 px in Arabic, French and English: nothing may run past the screen's edges. Content inside a
// scrollable container that itself fits (a wide table a keyboard user can scroll) is reachable and allowed; content
// cut off by `overflow: hidden` is not (hiding it is not fixing it). The exam preview of every course renders every
// item of every bank exactly as an attempt does. Each page is also checked with axe (serious and critical WCAG 2.1
// AA violations), which the accessibility test does for fewer pages.
const PASSWORD = "maharat-demo-2026";
const accounts = {
  learner: DEMO_LEARNER,
  instructor: DEMO_INSTRUCTOR,
  centre: { email: "centre@demo.maharat.ma", password: PASSWORD },
  employer: { email: "employer@demo.maharat.ma", password: PASSWORD },
  admin: { email: "admin@demo.maharat.ma", password: PASSWORD },
};
const COURSES = ["ai-foundations", "ai-practitioner", "ai-public-services", "ai-agriculture", "ai-tourism", "ai-language-data"];

const pages: Record<keyof typeof accounts | "public", string[]> = {
  public: ["/", "/courses", "/courses/ai-foundations", "/courses/ai-tourism", "/signup", "/login", "/forgot-password", "/privacy", "/verify", "/jobs", "/achievements/ai-foundations", "/skills/prompting", "/no-such-page"],
  learner: ["/learn", "/courses/ai-foundations/what-ai-is", "/courses/ai-foundations/prompting-well", "/courses/ai-foundations/exam", "/account", "/account/password", "/account/sessions", "/credentials", "/account/job-board", "/account/privacy", "/account/profile", "/account/delete", "/account/notifications", "/study", "/study/review", "/study/practice", "first:/study/practice/"],
  instructor: ["/teach", "/reviews", ...COURSES.map((c) => `/courses/${c}/exam/preview`)],
  centre: ["/centre", "first:/centre/", "first:/centre/+/cohorts/"],
  employer: ["/employer", "/employer/jobs/new", "/employer/jobs", "first:/employer/jobs/"],
  admin: ["/admin", "/admin/rankings", "/admin/objections", "/study/flags"],
};

/** Elements past the viewport's edges (outermost only), outside scrollable containers that fit. */
async function overflowing(page: Page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const outside = (r: DOMRect) => r.right > vw + 1 || r.left < -1;
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      if (el.tagName === "OPTION") continue;
      const r = el.getBoundingClientRect();
      if ((r.width === 0 && r.height === 0) || !outside(r)) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && outside(parent.getBoundingClientRect())) continue;
      let reachable = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (/(auto|scroll)/.test(style.overflowX) && !outside(a.getBoundingClientRect())) {
          reachable = true;
          break;
        }
      }
      if (reachable) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""}`;
      found.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}] “${(el.innerText ?? "").slice(0, 40)}”`);
    }
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    return page > 0 ? [`page scrolls sideways by ${page} px`, ...found.slice(0, 5)] : found.slice(0, 5);
  });
}

/** "first:/prefix/" is the first link on the current page whose path starts with the prefix ("+" any segment). */
async function resolve(page: Page, path: string): Promise<string | null> {
  if (!path.startsWith("first:")) return path;
  const prefix = new RegExp(`^${path.slice("first:".length).replace(/[.*?^${}()|[\]\\]/g, "\\$&").replace(/\+/g, "[^/]+")}[^/?#]+$`);
  const hrefs = await page.locator("main a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((href) => prefix.test(href) && !/\/(new|export\.csv)$/.test(href)) ?? null;
}

describeE2e("no page runs past a 360 px screen (and axe finds nothing serious)", (browser) => {
  test("the check sees content past the edge, also when clipped, but not inside a scrollable container", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const wide = '<div style="width:500px">wide</div>';
    await page.setContent(`<html><body><main>${wide}</main></body></html>`);
    expect((await overflowing(page)).join()).toMatch(/page scrolls sideways|div/);
    await page.setContent(`<html><body><main><div style="overflow:hidden;width:300px">${wide}</div></main></body></html>`);
    expect((await overflowing(page)).join()).toMatch(/div \[\d+, 50\d\]/);
    await page.setContent(`<html><body><main><div style="overflow-x:auto;width:300px">${wide}</div></main></body></html>`);
    expect(await overflowing(page)).toEqual([]);
    await page.close();
  });

  test("a French quote inside an Arabic option keeps its guillemets and full stop where they belong", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await logIn(page, accounts.instructor, "ar");
    await page.goto("/courses/ai-language-data/exam/preview?lng=ar");
    // The option «Merci beaucoup.» (أي: شكرًا جزيلًا): read left to right, the opening guillemet comes just before
    // the M, and the full stop and the closing guillemet just after the p, all on one line.
    const places = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        const at = text.indexOf("Merci beaucoup.");
        if (at < 0) continue;
        const box = (index: number) => {
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const rect = range.getBoundingClientRect();
          return { left: rect.left, right: rect.right, top: Math.round(rect.top) };
        };
        return { open: box(text.lastIndexOf("«", at)), m: box(at), p: box(at + "Merci beaucoup".length - 1), stop: box(at + "Merci beaucoup".length), close: box(text.indexOf("»", at)) };
      }
      return null;
    });
    expect(places).not.toBeNull();
    if (!places) return;
    expect(places.open.right).toBeLessThanOrEqual(places.m.left + 1);
    expect(places.p.right).toBeLessThanOrEqual(places.stop.left + 1);
    expect(places.stop.right).toBeLessThanOrEqual(places.close.left + 1);
    expect(new Set([places.open.top, places.m.top, places.stop.top, places.close.top]).size).toBe(1);
    await page.close();
  });

  for (const lang of ["ar", "fr", "en"] as Lang[]) {
    test(`every page in ${lang}`, async () => {
      const problems: string[] = [];
      for (const [who, paths] of Object.entries(pages)) {
        const page = await browser.newPage({ lang, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
        if (who !== "public") await logIn(page, accounts[who as keyof typeof accounts], lang);
        for (const entry of paths) {
          const path = await resolve(page, entry);
          if (!path) {
            problems.push(`${who} ${entry}: no such link on ${page.url()}`);
            continue;
          }
          await page.goto(path);
          expect(await page.locator("html").getAttribute("lang"), path).toBe(lang);
          problems.push(...(await overflowing(page)).map((p) => `${lang} ${who} ${path}: ${p}`));
          problems.push(...(await seriousViolations(page)).map((p) => `${lang} ${who} ${path}: axe ${p}`));
        }
        await page.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
