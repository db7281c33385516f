"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/ActionForm.tsx";
import { guestOrderCookie, placedOrderCookie, placementMessage } from "@/lib/ordering.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { ordering, publicUrl } from "@/lib/shop.ts";
import { cookieOptions } from "@/lib/tokens.ts";

/**
 * Places the order with the idempotency key the checkout page was rendered with: a double click, a retry or a reload
 * of the form sends the same key, so ordering answers with the same order and charges once. Then on to the payment
 * page (the sandbox's hosted card page).
 */
export async function placeOrder(_: ActionState, data: FormData): Promise<ActionState> {
  const key = String(data.get("idempotencyKey") ?? "");
  if (!/^[\w-]{16,64}$/.test(key)) return { error: "Please reload the page and try again." };
  const shopper = await currentShopper();
  // A guest gives the email the confirmation goes to (ordering's rule for an order without an account).
  const email = String(data.get("email") ?? "").trim();
  if (!shopper.accessToken && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return { error: "Enter the email address your order confirmation should go to." };
  let answer;
  try {
    answer = await ordering.place(shopper, key, email);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { error: placementMessage(503, undefined, undefined) };
    throw error;
  }
  if (!answer.ok || !answer.body) {
    if (answer.status === 401) redirect(signInFor("/checkout"));
    return { error: placementMessage(answer.status, answer.problem?.reason, answer.problem?.skus as string[] | undefined) };
  }
  const order = answer.body;
  const jar = await cookies();
  jar.set(placedOrderCookie, order.id, cookieOptions(publicUrl, 3600));
  if (!shopper.accessToken) jar.set(guestOrderCookie, `${order.number} ${order.email}`, cookieOptions(publicUrl, 3600));
  // 202: the checkout has not reached the payment yet; the order page watches it and links to the payment page.
  redirect(order.payment?.paymentPageUrl ?? `/orders/${order.id}`);
}
