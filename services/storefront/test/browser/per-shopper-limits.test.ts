import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launch, shopUrl } from "./support.ts";

/**
 * The storefront's server signs shoppers in through its sidecar, so every sign-in reaches identity from the same
 * machine: identity must still count each shopper's address, which the storefront passes on from the gateway. Two
 * shoppers at two addresses (the gateway trusts the test's X-Forwarded-For: Storefront.Tests sets Gateway:KnownProxies
 * and identity's limit per address, SIGN_INS_PER_ADDRESS): one spends the limit, the other is not refused.
 */
const limit = Number(process.env.SIGN_INS_PER_ADDRESS ?? 30);
let browser: Browser;

async function shopperAt(address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${shopUrl}/sign-in`);
  return page;
}

/** One failed sign-in with an unknown email (so neither the per-account limit nor a lockout plays); the form's answer. */
async function failedSignIn(page: Page): Promise<string> {
  await page.getByLabel("Email").fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("Password").fill("not anybody's password");
  await Promise.all([
    page.waitForResponse(response => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in"),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  const status = page.locator("form[aria-label='Sign in'] [role=status]");
  await status.filter({ hasText: /./ }).waitFor();
  return (await status.textContent()) ?? "";
}

describe("per-shopper limits behind the storefront's server", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it("identity's sign-in limit counts each shopper's address, not the storefront server's", async () => {
    const first = await shopperAt("203.0.113.10");
    for (let attempt = 1; attempt <= limit; attempt++)
      assert.equal(await failedSignIn(first), "Invalid email or password.", `attempt ${attempt} is within the limit`);
    assert.match(await failedSignIn(first), /^Too many attempts\. Please wait \d+ seconds/);

    const second = await shopperAt("203.0.113.11");
    assert.equal(await failedSignIn(second), "Invalid email or password.", "another shopper is not refused");
  });
});
