import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/**
 * What the browser tests share: the shop's URL (the gateway of a shop started by the local runtime, SHOP_URL), Debian's
 * Chromium (CHROMIUM_PATH) launched headless, and screenshots under test-results/screenshots/ (SCREENSHOTS_DIR).
 */
export const shopUrl = (process.env.SHOP_URL ?? "http://localhost:8080").replace(/\/$/, "");
const screenshots = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";

export async function launch(): Promise<Browser> {
  await mkdir(screenshots, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
}

let shoppers = 0;

/**
 * A fresh shopper: their own cookies, a desktop viewport, and their own address (`X-Forwarded-For`, which the test
 * shop's gateway trusts), so identity's sign-in limit per address counts each shopper, as it would in the wild.
 */
export async function newShopper(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  shoppers++;
  const address = `10.${process.pid % 250}.${(shoppers >> 8) % 256}.${shoppers % 256}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

/** Opens an in-stock product and picks its first size in stock; returns the size's label. */
export async function openProductInStock(page: Page): Promise<string> {
  await page.goto(`${shopUrl}/search?stock=in&sort=best_selling`);
  await page.locator("li.card:not(:has(.badge.out)) a").first().click();
  await page.waitForURL(/\/p\/[\w-]+/);
  const size = page.getByRole("group", { name: /^Size/ }).locator("a:not(.unavailable)").first();
  const label = (await size.textContent())!.trim();
  await size.click();
  await page.waitForURL(/[?&]size=/);
  await page.getByRole("button", { name: "Add to cart" }).waitFor();
  return label;
}

/** Adds the chosen variant to the cart and waits for the confirmation. */
export async function addToCart(page: Page, quantity: number) {
  await page.getByLabel("Quantity", { exact: true }).selectOption(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("status").filter({ hasText: `Added ${quantity} to your cart.` }).waitFor();
}

export async function cartCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("cart-count").textContent());
}

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe-core's WCAG 2.1 A/AA rules and best practices on the page as it is now. The source is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern (it would refuse an injected script tag).
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Next.js streams a page's metadata after its first bytes for browsers (not for crawlers): wait for the <title>
  // to arrive, or axe may judge the document in between. A page that never gets one still fails the check.
  await page.waitForFunction(() => document.title !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) }));
  });
}

/** One line per violation: rule, impact, what it asks, and the first elements it found. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`).join("\n");
}
