import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addToCart, cartCount, launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const email = `runner-${randomUUID().slice(0, 8)}@example.test`;
const password = "correct horse battery staple";

async function cookie(name: string) {
  return (await context.cookies(shopUrl)).find(c => c.name === name);
}

describe("registration, sign-in and the account in a browser", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ context, page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("shows identity's password rule next to the password field", async () => {
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    const password = page.getByLabel("Password");
    await page.locator("#password-error").waitFor();
    assert.equal(await password.getAttribute("aria-invalid"), "true");
    assert.match((await page.locator("#password-error").textContent()) ?? "", /min-length|12/);
    assert.match((await password.getAttribute("aria-describedby")) ?? "", /password-error/);
  });

  it("registers with an anonymous cart: the shopper is signed in and the cart merge is reported", async () => {
    await openProductInStock(page);
    await addToCart(page, 2);
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Name").fill("Ana Runner");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("status").filter({ hasText: `Signed in as ${email}.` }).waitFor();
    const report = page.getByTestId("merge-report");
    await report.waitFor();
    assert.match((await report.textContent()) ?? "", /1 item was added to your account's cart/);
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
    assert.equal(await cartCount(page), 2);
    assert.equal(await cookie("sos_cart"), undefined, "the anonymous cart is gone");
  });

  it("keeps the tokens in httpOnly cookies that scripts cannot read", async () => {
    const access = await cookie("sos_at");
    const refresh = await cookie("sos_rt");
    assert.ok(access?.httpOnly && refresh?.httpOnly);
    assert.equal(access.sameSite, "Lax");
    assert.equal(await page.evaluate(() => document.cookie), "");
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), "{}");
  });

  it("shows and saves the profile with its communication preferences", async () => {
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await page.waitForURL(/\/account$/);
    assert.equal(await page.getByTestId("account-email").textContent(), email);
    assert.equal(await page.getByLabel("Name").inputValue(), "Ana Runner");
    await page.getByLabel("Shoe size").fill("42");
    await page.getByRole("checkbox", { name: "SMS" }).check();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.reload();
    assert.equal(await page.getByLabel("Shoe size").inputValue(), "42");
    assert.equal(await page.getByRole("checkbox", { name: "SMS" }).isChecked(), true);
    await snapshot(page, "account");
  });

  it("renews an expired access token with the refresh token, rotating it", async () => {
    const before = await cookie("sos_rt");
    await context.clearCookies({ name: "sos_at" });
    await page.reload();
    assert.equal(await page.getByTestId("account-email").textContent(), email);
    const after = await cookie("sos_rt");
    assert.ok(await cookie("sos_at"), "a new access token");
    assert.notEqual(after?.value, before?.value, "the refresh token was spent and replaced");
  });

  it("signs out: the header offers sign-in and the account's cart is no longer shown", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in", exact: true }).waitFor();
    assert.equal(await cartCount(page), 0);
    assert.equal(await cookie("sos_rt"), undefined);
  });

  it("refuses a wrong password with identity's message, and signs in with the right one", async () => {
    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Invalid email or password." }).waitFor();
    await snapshot(page, "sign-in");

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("status").filter({ hasText: `Signed in as ${email}.` }).waitFor();
    await page.getByTestId("cart-count").filter({ hasText: /^2$/ }).waitFor();
  });
});
