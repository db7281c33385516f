import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { addToCart, launch, newShopper, shopUrl, snapshot } from "./support.ts";

/** The test shop's first admin (Storefront.Tests gives identity its bootstrap secret), else the embedded profile's. */
const admin = { email: process.env.ADMIN_EMAIL ?? "admin@spaceofsport.local", password: process.env.ADMIN_PASSWORD ?? "development-only admin password" };
const address = { "x-forwarded-for": "10.251.0.1" };

/** Seeded variants stocked with 2 to 8 units (Storefront.Tests computes them from inventory's opening stock). */
type LowStockVariant = { sku: string; variantId: string; slug: string; size: string; colour: string };
const candidates = JSON.parse(process.env.LOW_STOCK_VARIANTS ?? "[]") as LowStockVariant[];

type Sale = { id: string; state: string; eTag: string; unitsStatus: string | null; remainingUnits: number | null };

let browser: Browser;

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${shopUrl}${path}`, { ...init, headers: { "content-type": "application/json", ...address, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function adminToken(): Promise<string> {
  const { status, body } = await api<{ accessToken: string }>("/api/identity/auth/login", { method: "POST", body: JSON.stringify(admin) });
  assert.equal(status, 200);
  return body.accessToken;
}

/** Asks again (every 200 ms, up to 60 s) until `done` holds: the sale starts on the catalog's one-second schedule. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await ask();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** The first candidate the catalog still has in stock (another test file may have bought one). */
async function variantInStock(): Promise<LowStockVariant> {
  for (const candidate of candidates) {
    const { body } = await api<{ data: { product: { variants: { sku: string; inStock: boolean }[] } | null } }>("/graphql/catalog", {
      method: "POST",
      body: JSON.stringify({ query: "query($slug: String!) { product(slug: $slug) { variants { sku inStock } } }", variables: { slug: candidate.slug } }),
    });
    if (body.data.product?.variants.some(v => v.sku === candidate.sku && v.inStock)) return candidate;
  }
  assert.fail(`none of ${candidates.length} low-stock variants is in stock`);
}

/** Puts `quantity` of the variant in a fresh shopper's cart and places the order: ordering reserves the units at inventory. */
async function buy(variant: LowStockVariant, quantity: number) {
  const { context, page } = await newShopper(browser);
  await page.goto(`${shopUrl}/p/${variant.slug}?colour=${encodeURIComponent(variant.colour)}&size=${encodeURIComponent(variant.size)}`);
  await addToCart(page, quantity);
  await page.goto(`${shopUrl}/cart`);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Postal code").fill("10115");
  await page.getByRole("button", { name: "Save destination" }).click();
  await page.getByRole("status").filter({ hasText: "Destination saved" }).waitFor();
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await page.getByRole("button", { name: "Use this shipping" }).click();
  await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
  await page.getByRole("link", { name: "Checkout" }).click();
  await page.waitForURL(/\/checkout$/);
  await page.getByLabel("Email for the order confirmation").fill(`flash-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByRole("button", { name: "Place order and pay" }).click();
  // Placed: on to the card page, or (202, the checkout not at the payment yet) to the order page; either way the
  // checkout reserves the units.
  await page.waitForURL(/\/sandbox\/checkout\/pi_|\/orders\//, { timeout: 90_000 });
  await context.close();
}

/** A shopper on the home page whose sale line is subscribed to the hub's flash-sales channel. */
async function watching(saleId: string, signedIn: boolean): Promise<{ page: Page; units: Locator }> {
  const { page } = await newShopper(browser);
  if (signedIn) {
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Email").fill(`flash-watch-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
  }
  await page.goto(`${shopUrl}/`);
  const units = page.locator(`[data-testid="flash-sale-units"][data-sale="${saleId}"]`);
  // Subscribed: anything announced from now on reaches the page.
  await page.locator(`[data-testid="flash-sale-units"][data-sale="${saleId}"]:not([data-live="no"])`).waitFor({ timeout: 90_000 });
  return { page, units };
}

describe("a flash sale on the home page, live", { timeout: 480_000 }, () => {
  let token: string;
  let saleId: string | null = null;

  before(async () => {
    browser = await launch();
    token = await adminToken();
  });

  after(async () => {
    if (saleId) {
      const { body } = await api<Sale>(`/api/catalog/flash-sales/${saleId}`, { headers: { authorization: `Bearer ${token}` } });
      await api(`/api/catalog/flash-sales/${saleId}`, { method: "DELETE", headers: { authorization: `Bearer ${token}`, "if-match": body.eTag } });
    }
    await browser?.close();
  });

  it("counts a running sale's units down as shoppers buy them and says sold out, with no count below ten for anonymous shoppers", async () => {
    const variant = await variantInStock();
    const created = await api<Sale>("/api/catalog/flash-sales", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: `Last pairs ${randomUUID().slice(0, 6)}`,
        variantIds: [variant.variantId],
        percentOff: 30,
        startsAt: new Date(Date.now() - 1000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    saleId = created.body.id;
    const id = saleId;
    // Signed in, the catalog gives the exact count.
    const running = await eventually(
      async () => (await api<Sale>(`/api/catalog/flash-sales/${id}`, { headers: { authorization: `Bearer ${token}` } })).body,
      sale => sale.state === "Started" && sale.remainingUnits !== null, "the sale to start");
    const units = running.remainingUnits!;
    assert.ok(units >= 1 && units <= 8, `expected a low-stock variant, got ${units} units`);

    const anonymous = await watching(id, false);
    const signedIn = await watching(id, true);
    assert.equal(await anonymous.units.textContent(), "Only a few left");
    await snapshot(anonymous.page, "home-flash-sale");

    if (units > 1) {
      await buy(variant, units - 1);
      // Signed in, the hub gives the exact count; anonymous shoppers keep "only a few" (below the hub's threshold).
      await signedIn.page.locator(`[data-testid="flash-sale-units"][data-sale="${id}"][data-live="yes"][data-remaining="1"]`).waitFor({ timeout: 90_000 });
      assert.equal(await signedIn.units.textContent(), "1 left");
      await anonymous.page.locator(`[data-testid="flash-sale-units"][data-sale="${id}"][data-live="yes"]`).waitFor({ timeout: 90_000 });
      assert.equal(await anonymous.units.textContent(), "Only a few left");
      assert.equal(await anonymous.units.getAttribute("data-remaining"), null);
    }

    await buy(variant, 1);
    for (const watcher of [signedIn, anonymous]) {
      await watcher.page.locator(`[data-testid="flash-sale-units"][data-sale="${id}"][data-status="out"]`).waitFor({ timeout: 90_000 });
      assert.equal(await watcher.units.textContent(), "Sold out");
    }
  });
});
