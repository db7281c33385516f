"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { AccountFormState } from "@/components/AccountForm.tsx";
import { fieldErrors } from "@/lib/identity.ts";
import { safeNext } from "@/lib/redirects.ts";
import { messageFor, ServiceUnavailableError, type Shopper } from "@/lib/services.ts";
import { currentShopper, forgetTokens, keepCartCookie, keepTokens } from "@/lib/session.ts";
import { carts, identity } from "@/lib/shop.ts";
import { sessionCookies, type Tokens } from "@/lib/tokens.ts";

const unavailable = { error: "Signing in is not possible right now: the shop's accounts service is not answering. Please try again in a moment." };

/**
 * Signs the shopper in with identity's tokens (kept in httpOnly cookies), then asks for the cart once with the token
 * and the anonymous cart's cookie: the cart API merges the two and reports what it kept, which the form shows.
 */
async function startSession(shopper: Shopper, tokens: Tokens, email: string): Promise<AccountFormState> {
  await keepTokens(tokens);
  revalidatePath("/", "layout");
  if (!shopper.cartCookie) return { ok: `Signed in as ${email}.` };
  try {
    const cart = await carts.get({ ...shopper, accessToken: tokens.accessToken });
    await keepCartCookie(cart.setCookies);
    return { ok: `Signed in as ${email}.`, merge: cart.body?.merge ?? undefined };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { ok: `Signed in as ${email}. Your cart will join your account's cart when the cart answers again.` };
    throw error;
  }
}

export async function signIn(_: AccountFormState, data: FormData): Promise<AccountFormState> {
  const email = String(data.get("email") ?? "").trim();
  const password = String(data.get("password") ?? "");
  const fields: Record<string, string> = {};
  if (!email) fields.email = "Enter your email.";
  if (!password) fields.password = "Enter your password.";
  if (Object.keys(fields).length) return { fields, values: { email } };

  const shopper = await currentShopper();
  let state: AccountFormState;
  try {
    const answer = await identity.login(shopper, email, password);
    if (!answer.ok || !answer.body) return { error: messageFor(answer.problem, answer.retryAfter), fields: fieldErrors(answer.problem), values: { email } };
    state = await startSession(shopper, answer.body, email);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { ...unavailable, values: { email } };
    throw error;
  }
  return continueTo(data, state);
}

/** Signed in: on to the page that sent the shopper here (`next`, a path on the shop only), else the form's answer. */
function continueTo(data: FormData, state: AccountFormState): AccountFormState {
  const next = safeNext(data.get("next"));
  if (next && state.ok) redirect(next);
  return state;
}

export async function register(_: AccountFormState, data: FormData): Promise<AccountFormState> {
  const email = String(data.get("email") ?? "").trim();
  const name = String(data.get("name") ?? "").trim();
  const password = String(data.get("password") ?? "");
  const values = { email, name };
  const shopper = await currentShopper();
  let state: AccountFormState;
  try {
    const created = await identity.register(shopper, { email, password, name: name || undefined });
    if (!created.ok) {
      const fields = fieldErrors(created.problem);
      if (created.status === 409) fields.email = "An account with this email exists already: sign in instead.";
      return { error: created.status === 409 || created.status === 400 ? "Please correct the fields marked below." : messageFor(created.problem, created.retryAfter), fields, values };
    }
    const login = await identity.login(shopper, email, password);
    if (!login.ok || !login.body) return { error: messageFor(login.problem, login.retryAfter), values };
    state = await startSession(shopper, login.body, email);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { ...unavailable, values };
    throw error;
  }
  return continueTo(data, state);
}

/** Ends the sign-in at identity (its refresh tokens are revoked) and forgets the cookies. */
export async function signOut() {
  const refreshToken = (await cookies()).get(sessionCookies.refresh)?.value;
  if (refreshToken) await identity.logout(await currentShopper(), refreshToken).catch(() => null);
  await forgetTokens();
  revalidatePath("/", "layout");
  redirect("/");
}

export async function updateProfile(_: AccountFormState, data: FormData): Promise<AccountFormState> {
  const text = (name: string) => String(data.get(name) ?? "").trim() || null;
  const profile = {
    name: text("name"),
    phone: text("phone"),
    communication: { email: data.get("communication.email") === "on", sms: data.get("communication.sms") === "on", push: data.get("communication.push") === "on" },
    sizes: { shoe: text("sizes.shoe"), apparel: text("sizes.apparel") },
  };
  try {
    const answer = await identity.updateMe(await currentShopper(), profile);
    if (answer.status === 401) redirect("/sign-in?next=/account");
    if (!answer.ok) return { error: messageFor(answer.problem, answer.retryAfter), fields: fieldErrors(answer.problem) };
    revalidatePath("/account");
    return { ok: "Saved." };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { error: "Your profile cannot be saved right now. Please try again in a moment." };
    throw error;
  }
}
