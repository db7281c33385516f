import { type NextRequest, NextResponse } from "next/server";
import { cachedCatalog } from "@/lib/catalogCache.ts";
import { suggestionsFrom } from "@/lib/suggestions.ts";

export const dynamic = "force-dynamic";

/**
 * Search suggestions as the shopper types (`components/SearchBox.tsx`): the catalog's own search (typo-tolerant), its
 * first six products, from the storefront's catalog cache. Too short a query answers nothing.
 */
export async function GET(request: NextRequest) {
  const query = (request.nextUrl.searchParams.get("q") ?? "").trim().slice(0, 100);
  if (query.length < 2) return NextResponse.json([]);
  try {
    const { search } = await cachedCatalog.search({ query, filters: {}, sort: "RELEVANCE" }, 6);
    return NextResponse.json(suggestionsFrom(search.nodes), { headers: { "cache-control": "private, max-age=30" } });
  } catch {
    return NextResponse.json([], { status: 503 });
  }
}
