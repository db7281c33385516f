"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ActionForm.tsx";
import { returnableUnits, returnLinesFrom, returnRefusalMessage } from "@/lib/ordering.ts";
import { messageFor, ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { ordering } from "@/lib/shop.ts";

const orderIdPattern = /^[0-9a-f-]{36}$/i;

/** The customer cancels before the order ships; ordering releases the stock and cancels or refunds the payment. */
export async function cancelOrder(_: ActionState, data: FormData): Promise<ActionState> {
  const id = String(data.get("orderId") ?? "");
  if (!orderIdPattern.test(id)) return { error: "Please reload the page and try again." };
  const shopper = await currentShopper();
  try {
    const answer = await ordering.cancel(shopper, id);
    if (answer.status === 409) return { error: "This order can no longer be cancelled: it has shipped or is cancelled already." };
    if (!answer.ok) return { error: messageFor(answer.problem, answer.retryAfter) };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { error: "Orders cannot be cancelled right now. Please try again in a moment." };
    throw error;
  }
  revalidatePath(`/orders/${id}`);
  return { ok: "Your order is being cancelled; any payment is given back." };
}

/** Asks to return the chosen lines of a delivered order, each with a reason (ordering checks the window and quantities). */
export async function requestReturn(_: ActionState, data: FormData): Promise<ActionState> {
  const id = String(data.get("orderId") ?? "");
  if (!orderIdPattern.test(id)) return { error: "Please reload the page and try again." };
  const shopper = await currentShopper();
  try {
    const extras = await ordering.extras(shopper, id);
    if (!extras) return { error: "This order cannot be shown right now. Please try again in a moment." };
    const { lines, errors } = returnLinesFrom(data, returnableUnits(extras.lines, extras.returns));
    const firstError = Object.values(errors)[0];
    if (firstError) return { error: firstError };
    const answer = await ordering.requestReturn(shopper, id, lines);
    if (!answer.ok) return { error: returnRefusalMessage(answer.status, answer.problem?.reason) };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { error: returnRefusalMessage(503, undefined) };
    throw error;
  }
  revalidatePath(`/orders/${id}`);
  return { ok: "Your return is requested. We will tell you here when the shop has looked at it." };
}
