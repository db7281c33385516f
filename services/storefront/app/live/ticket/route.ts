import { NextResponse } from "next/server";
import { currentShopper } from "@/lib/session.ts";
import { notifications } from "@/lib/shop.ts";

export const dynamic = "force-dynamic";

/**
 * A one-time hub ticket for the signed-in shopper (`lib/hub.ts` asks for one per connection): the access token stays
 * in its httpOnly cookie, the page's script only ever holds a ticket that opens one connection within 30 s. Signed
 * out, or with the hub's service down, the answer is `null` and the page connects anonymously (public channels only).
 * A POST, so no cache keeps it; another site's page can neither send the SameSite cookies with it nor read the answer.
 */
export async function POST() {
  const shopper = await currentShopper();
  let ticket: string | null = null;
  if (shopper.accessToken) {
    const answer = await notifications.ticket(shopper).catch(() => null);
    ticket = answer?.ok ? (answer.body?.ticket ?? null) : null;
  }
  return NextResponse.json({ ticket }, { headers: { "cache-control": "no-store" } });
}
