"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ActionForm.tsx";
import type { Answer } from "@/lib/services.ts";
import { type Cart, ruleMessage } from "@/lib/cart.ts";
import { messageFor, ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper, keepCartCookie } from "@/lib/session.ts";
import { carts } from "@/lib/shop.ts";
import { reportUsage } from "@/lib/visit.ts";

const staleCart = "Your cart changed in another tab or window. It now shows what it holds: please check it and try again.";

/** Runs one cart change for the shopper, keeps the cart cookie it set, and re-renders every page (the header's count). */
async function change(run: (shopper: Awaited<ReturnType<typeof currentShopper>>) => Promise<Answer<Cart>>, done: string): Promise<ActionState> {
  let answer: Answer<Cart>;
  try {
    answer = await run(await currentShopper());
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { error: "The cart is not answering right now. Please try again in a moment." };
    throw error;
  }
  await keepCartCookie(answer.setCookies);
  revalidatePath("/", "layout");
  if (answer.ok) return { ok: done };
  if (answer.status === 409) return { error: staleCart };
  if (answer.status === 422) return { error: ruleMessage(answer.problem?.reason ?? null, answer.problem?.detail) };
  if (answer.status === 404) return { error: "This item is not sold any more." };
  return { error: messageFor(answer.problem, answer.retryAfter) };
}

const quantityOf = (data: FormData) => Number.parseInt(String(data.get("quantity") ?? ""), 10);
const versionOf = (data: FormData) => Number.parseInt(String(data.get("version") ?? "0"), 10);

export async function addToCart(_: ActionState, data: FormData): Promise<ActionState> {
  const sku = String(data.get("sku") ?? "");
  const quantity = quantityOf(data);
  if (!sku) return { error: "Choose a size first." };
  if (!(quantity > 0)) return { error: "Choose how many." };
  const added = await change(shopper => carts.addLine(shopper, sku, quantity), `Added ${quantity} to your cart.`);
  const productId = String(data.get("productId") ?? "");
  if (!added.error && productId) void reportUsage({ type: "added-to-cart", productId, sku, quantity, size: String(data.get("size") ?? "") || undefined });
  return added;
}

export async function changeQuantity(_: ActionState, data: FormData): Promise<ActionState> {
  const quantity = quantityOf(data);
  if (!(quantity >= 0)) return { error: "Enter a quantity." };
  const sku = String(data.get("sku"));
  if (quantity === 0) return change(shopper => carts.removeLine(shopper, sku, versionOf(data)), "Removed.");
  return change(shopper => carts.changeLine(shopper, sku, quantity, versionOf(data)), "Quantity updated.");
}

export async function removeLine(_: ActionState, data: FormData): Promise<ActionState> {
  return change(shopper => carts.removeLine(shopper, String(data.get("sku")), versionOf(data)), "Removed.");
}

export async function applyPromotion(_: ActionState, data: FormData): Promise<ActionState> {
  const code = String(data.get("code") ?? "").trim();
  if (!code) return { error: "Enter a code." };
  return change(shopper => carts.applyPromotion(shopper, code, versionOf(data)), `Code ${code.toUpperCase()} applied.`);
}

export async function removePromotion(_: ActionState, data: FormData): Promise<ActionState> {
  return change(shopper => carts.removePromotion(shopper, versionOf(data)), "Code removed.");
}

export async function setDestination(_: ActionState, data: FormData): Promise<ActionState> {
  const country = String(data.get("country") ?? "");
  const region = String(data.get("region") ?? "").trim() || null;
  const postalCode = String(data.get("postalCode") ?? "").trim() || null;
  if (!country) return { error: "Choose a country." };
  return change(shopper => carts.setDestination(shopper, { country, region, postalCode }, versionOf(data)), "Destination saved: tax and shipping follow it.");
}

export async function setShipping(_: ActionState, data: FormData): Promise<ActionState> {
  const [method, storeId] = String(data.get("shipping") ?? "").split(":");
  if (!method) return { error: "Choose a shipping method." };
  return change(shopper => carts.setShipping(shopper, method, storeId || null, versionOf(data)), "Shipping method saved.");
}
