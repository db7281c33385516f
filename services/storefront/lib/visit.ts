import { cookies } from "next/headers";
import { sessionCookies, userOf } from "./tokens.ts";
import { usage, visitorCookieName, type UsageEvent } from "./usage.ts";

/** Reports a usage event for the shopper of this request (visitor cookie, signed-in user); never waits, never throws. */
export async function reportUsage(event: UsageEvent): Promise<void> {
  try {
    const jar = await cookies();
    const visitorId = jar.get(visitorCookieName)?.value;
    if (!visitorId) return;
    usage.record({ visitorId, userId: userOf(jar.get(sessionCookies.access)?.value)?.id ?? null }, event);
  } catch {
    // Outside a request (build time): nothing to report.
  }
}
