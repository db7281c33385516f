import { revalidateTag } from "next/cache";
import { type NextRequest, NextResponse } from "next/server";
import { fromOwnSidecar } from "@/lib/appToken.ts";
import { slugIndex } from "@/lib/catalogCache.ts";
import { staleTags } from "@/lib/catalogEvents.ts";

export const dynamic = "force-dynamic";

/** When, after an event, its tags are revalidated again (below): the catalog may apply the event a little later. */
const againAfterMs = [2000, 8000];

/**
 * A catalog or stock event from the storefront's sidecar (a CloudEvent): the cached answers it makes stale are
 * revalidated, so the next page shows the change. The catalog hears the same event on its own subscription and may
 * apply it (its search index, its stock mirror) a moment after this runs: a page rendered in between would cache the
 * old answer again, so the same tags are revalidated again 2 s and 8 s later before the event is acknowledged (only
 * events that change a page wait: most stock events change nothing shown and are answered at once). Answers SUCCESS, or DROP for
 * something that is not an event; 401 for a caller other than the sidecar.
 */
export async function POST(request: NextRequest) {
  if (!fromOwnSidecar(request.headers)) return NextResponse.json({ title: "Only the storefront's sidecar may deliver events" }, { status: 401 });
  let event: { topic?: unknown; data?: unknown };
  try {
    event = (await request.json()) as typeof event;
  } catch {
    return NextResponse.json({ status: "DROP" });
  }
  if (typeof event.topic !== "string" || !event.data || typeof event.data !== "object") return NextResponse.json({ status: "DROP" });
  const tags = staleTags(event.topic, event.data as Record<string, unknown>, slugIndex);
  if (!tags.length) return NextResponse.json({ status: "SUCCESS" });
  tags.forEach(tag => revalidateTag(tag));
  // Within the request: revalidateTag needs the request's context (a timer's callback would do nothing).
  let waited = 0;
  for (const at of againAfterMs) {
    await new Promise(resolve => setTimeout(resolve, at - waited));
    waited = at;
    tags.forEach(tag => revalidateTag(tag));
  }
  return NextResponse.json({ status: "SUCCESS" });
}
