import { type NextRequest, NextResponse } from "next/server";
import { placedOrderCookie } from "@/lib/ordering.ts";

/**
 * Where the payment page sends the shopper back (ordering's `PaymentReturnUrl`). The order is the one this browser just
 * placed; its page shows the status as the payment result reaches ordering.
 */
export function GET(request: NextRequest) {
  const order = request.cookies.get(placedOrderCookie)?.value;
  const base = (process.env.PUBLIC_URL ?? request.nextUrl.origin).replace(/\/$/, "");
  const outcome = request.nextUrl.searchParams.get("redirect_status") === "failed" ? "?payment=failed" : "";
  return NextResponse.redirect(order && /^[\w-]+$/.test(order) ? `${base}/orders/${order}${outcome}` : `${base}/account`, 303);
}
