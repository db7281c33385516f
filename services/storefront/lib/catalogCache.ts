import { unstable_cache } from "next/cache";
import type { Listing } from "./listing.ts";
import { catalogTags, SlugIndex } from "./catalogEvents.ts";
import { catalog } from "./shop.ts";

/**
 * The catalog's answers as the pages use them, kept in Next.js's data cache and revalidated by tag when a catalog or
 * stock event says they changed (`app/events/catalog/route.ts`). The time limits are only a safety net for an event
 * that never came: listings carry stock badges and facets, so they live a minute; products ten minutes. Pages stay
 * dynamic (they read the shopper's cookies), but their catalog calls come from the cache.
 */
export const slugIndex = new SlugIndex();

export const cachedCatalog = {
  async product(slug: string) {
    const found = await unstable_cache(() => catalog.product(slug), ["catalog-product", slug], { tags: [catalogTags.products, catalogTags.product(slug)], revalidate: 600 })();
    if (found) slugIndex.remember(found);
    return found;
  },
  search: (listing: Listing, first?: number) =>
    unstable_cache(() => catalog.search(listing, first), ["catalog-search", JSON.stringify(listing), String(first ?? "")], { tags: [catalogTags.listings], revalidate: 60 })(),
  category: (slug: string) => unstable_cache(() => catalog.category(slug), ["catalog-category", slug], { tags: [catalogTags.categories], revalidate: 600 })(),
  rootCategories: () => unstable_cache(() => catalog.rootCategories(), ["catalog-root-categories"], { tags: [catalogTags.categories], revalidate: 600 })(),
};
