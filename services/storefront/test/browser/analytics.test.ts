import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

/**
 * The storefront's server reports what shoppers do to analytics (signed batches every few seconds) and shows
 * analytics' recommendations. What arrived is read back as staff would, through analytics' GraphQL reports.
 */
const admin = { email: process.env.ADMIN_EMAIL ?? "admin@spaceofsport.local", password: process.env.ADMIN_PASSWORD ?? "development-only admin password" };
const staffAddress = { "x-forwarded-for": "10.251.0.1" };

let browser: Browser;
let page: Page;
let staffToken: string;

async function signInStaff(): Promise<string> {
  const response = await fetch(`${shopUrl}/api/identity/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...staffAddress }, body: JSON.stringify(admin) });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Yesterday to tomorrow (UTC): today's events whatever the clock says when the test runs. */
function range() {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-1), to: day(1) };
}

async function report<T>(query: string): Promise<T> {
  const response = await fetch(`${shopUrl}/graphql/analytics`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${staffToken}`, ...staffAddress },
    body: JSON.stringify({ query, variables: range() }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data!;
}

/** Asks until `check` holds (the storefront sends its batches every 5 seconds), for at most 60 seconds. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within 60 s: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

const pageViewsQuery = "query($from: DateOnly!, $to: DateOnly!) { pageViews(from: $from, to: $to, first: 100) { path views } }";
const performanceQuery = "query($from: DateOnly!, $to: DateOnly!) { recommendationPerformance(from: $from, to: $to) { shown clicked } }";

async function viewsOf(path: string): Promise<number> {
  const { pageViews } = await report<{ pageViews: { path: string; views: number }[] }>(pageViewsQuery);
  return pageViews.find(p => p.path === path)?.views ?? 0;
}

async function recommendationPerformance() {
  return (await report<{ recommendationPerformance: { shown: number; clicked: number } }>(performanceQuery)).recommendationPerformance;
}

describe("usage events and recommendations in a browser", { timeout: 300_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
    staffToken = await signInStaff();
  });

  after(async () => {
    await browser?.close();
  });

  it("reports a search with its result count: staff see a search that found nothing among searches without results", async () => {
    const term = `zq${randomUUID().replaceAll("-", "").slice(0, 10)}`;
    await page.goto(`${shopUrl}/search?q=${term}`);
    await page.getByRole("heading", { level: 1 }).waitFor();

    await eventually(`the search '${term}' among searches without results`, async () => {
      const { searchesWithoutResults } = await report<{ searchesWithoutResults: { query: string; count: number }[] }>(
        "query($from: DateOnly!, $to: DateOnly!) { searchesWithoutResults(from: $from, to: $to, first: 100) { query count } }");
      return searchesWithoutResults.some(s => s.query === term && s.count === 1);
    });
  });

  it("reports each page viewed by its path, without the query string", async () => {
    await openProductInStock(page);
    const path = new URL(page.url()).pathname;
    const before = await viewsOf(path);
    await page.goto(`${shopUrl}${path}?colour=none`);
    await page.getByRole("heading", { level: 1 }).waitFor();

    await eventually(`one more view of ${path}`, async () => (await viewsOf(path)) > before);
  });

  it("shows products like the one on a product page under \"You may also like\", never the product itself", async () => {
    await openProductInStock(page);
    const path = new URL(page.url()).pathname;
    const alsoLike = page.getByRole("region", { name: "You may also like" });
    await eventually(`recommendations on ${path}`, async () => {
      await page.goto(`${shopUrl}${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      return (await alsoLike.getByRole("link").count()) > 0;
    });
    const links = await alsoLike.getByRole("link").evaluateAll(anchors => anchors.map(a => new URL((a as HTMLAnchorElement).href).pathname));
    assert.ok(!links.includes(path), `${path} recommends itself: ${links.join(", ")}`);
    await snapshot(page, "you-may-also-like");
  });

  it("shows a signed-in shopper recommendations from what they viewed, and reports them shown and clicked", async () => {
    const email = `recommended-${randomUUID().slice(0, 8)}@example.test`;
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Name").fill("Rita Recommended");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("status").filter({ hasText: `Signed in as ${email}.` }).waitFor();
    const before = await recommendationPerformance();

    await openProductInStock(page); // a product viewed in a size in stock: analytics' first signal about this shopper
    const viewed = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    const forYou = page.getByRole("region", { name: "Recommended for you" });
    await eventually(`'${viewed}' recommended on the home page`, async () => {
      await page.goto(`${shopUrl}/`);
      await page.getByRole("heading", { name: "Best sellers" }).waitFor();
      return (await forYou.getByText(viewed, { exact: true }).count()) > 0;
    });
    await snapshot(page, "recommended-for-you");

    await forYou.getByRole("link").filter({ hasText: viewed }).first().click();
    await page.waitForURL(/\/p\/[\w-]+\?via=recommendation/);
    await page.getByRole("heading", { level: 1, name: viewed }).waitFor();

    await eventually("the recommendation shown and clicked reported", async () => {
      const now = await recommendationPerformance();
      return now.shown > before.shown && now.clicked > before.clicked;
    });
  });
});
