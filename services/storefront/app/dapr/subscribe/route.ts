import { NextResponse } from "next/server";
import { catalogTopics } from "@/lib/catalogEvents.ts";

export const dynamic = "force-dynamic";

/**
 * Dapr's programmatic subscription: the catalog and stock events that make cached catalog pages stale, on
 * `pubsub-broadcast` (one consumer group per replica), because every storefront replica keeps its own cache.
 */
export function GET() {
  return NextResponse.json(catalogTopics.map(topic => ({ pubsubname: "pubsub-broadcast", topic, route: "/events/catalog" })));
}
