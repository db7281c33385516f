import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launch, newShopper, shopUrl } from "./support.ts";

let browser: Browser;
let page: Page;
const email = `next-${randomUUID().slice(0, 8)}@example.test`;
const password = "correct horse battery staple";

async function signOut() {
  await page.goto(`${shopUrl}/account`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in", exact: true }).waitFor();
}

async function signIn() {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("where a sign-in goes next", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
    await signOut();
  });

  after(async () => {
    await browser?.close();
  });

  it("a page that needs a sign-in sends the shopper back to it afterwards", async () => {
    await page.goto(`${shopUrl}/account`);
    await page.waitForURL(`${shopUrl}/sign-in?next=%2Faccount`);
    await signIn();
    await page.waitForURL(`${shopUrl}/account`);
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    await signOut();
  });

  for (const attack of ["https://evil.example/", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "javascript:alert(1)"]) {
    it(`never leaves the shop for next=${JSON.stringify(attack)} (no open redirect)`, async () => {
      await page.goto(`${shopUrl}/sign-in?next=${encodeURIComponent(attack)}`);
      assert.equal(await page.locator('input[name="next"]').count(), 0, "the page does not even carry it");
      await signIn();
      await page.getByRole("status").filter({ hasText: `Signed in as ${email}.` }).waitFor();
      assert.equal(new URL(page.url()).origin, shopUrl, "still on the shop");
      assert.equal(new URL(page.url()).pathname, "/sign-in");
      await signOut();
    });
  }

  it("a forged next posted with the form is refused by the server too", async () => {
    await page.goto(`${shopUrl}/sign-in?next=%2Fcart`);
    await page.locator('input[name="next"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), "//evil.example/");
    await signIn();
    await page.getByRole("status").filter({ hasText: `Signed in as ${email}.` }).waitFor();
    assert.equal(new URL(page.url()).origin, shopUrl);
    assert.equal(new URL(page.url()).pathname, "/sign-in");
  });
});
