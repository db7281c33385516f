/**
 * Which cached catalog answers an event makes stale. The storefront caches the catalog's answers (`lib/catalogCache.ts`)
 * under these tags and its Dapr subscription route (`app/events/catalog/route.ts`) revalidates them. Pure, for tests.
 */
export const catalogTags = {
  /** Every product page's product. */
  products: "catalog-products",
  /** Home, category and search listings (prices, badges, facets). */
  listings: "catalog-listings",
  categories: "catalog-categories",
  product: (slug: string) => `catalog-product:${slug}`,
};

/** The topics the storefront subscribes to, on `pubsub-broadcast` (every replica keeps its own cache). */
export const catalogTopics = [
  "catalog-product-changed-v1",
  "catalog-price-changed-v1",
  "catalog-flash-sale-started-v1",
  "catalog-flash-sale-ended-v1",
  "inventory-stock-changed-v1",
  "inventory-back-in-stock-v1",
] as const;

/**
 * Slugs of the products this server process has fetched, by product id and by SKU: the price and stock events name
 * only those, and a product's cache entry is tagged by slug. An unknown one revalidates every product (coarse, rare:
 * a product fetched by an earlier process, or never shown).
 */
export class SlugIndex {
  private readonly byProduct = new Map<string, string>();
  private readonly bySku = new Map<string, string>();

  remember(product: { id: string; slug: string; variants: { sku: string }[] }) {
    this.byProduct.set(product.id, product.slug);
    for (const variant of product.variants) this.bySku.set(variant.sku, product.slug);
  }

  ofProduct(id: unknown): string | undefined {
    return typeof id === "string" ? this.byProduct.get(id) : undefined;
  }

  ofSku(sku: unknown): string | undefined {
    return typeof sku === "string" ? this.bySku.get(sku) : undefined;
  }
}

/** The tags one event makes stale; none for an event that changes nothing a page shows. */
export function staleTags(topic: string, data: Record<string, unknown> | null | undefined, slugs: SlugIndex): string[] {
  const productTag = (slug: string | undefined) => (slug ? catalogTags.product(slug) : catalogTags.products);
  const event = data ?? {};
  switch (topic) {
    case "catalog-product-changed-v1":
      return [productTag(typeof event.slug === "string" ? event.slug : undefined), catalogTags.listings];
    case "catalog-price-changed-v1":
      return [productTag(slugs.ofProduct(event.productId) ?? slugs.ofSku(event.sku)), catalogTags.listings];
    case "catalog-flash-sale-started-v1":
    case "catalog-flash-sale-ended-v1":
      return [catalogTags.products, catalogTags.listings];
    // Stock moves all the time; only a SKU selling out (or coming back) changes what a page shows.
    case "inventory-stock-changed-v1":
      return event.totalAvailable === 0 ? [productTag(slugs.ofSku(event.sku)), catalogTags.listings] : [];
    case "inventory-back-in-stock-v1":
      return [productTag(slugs.ofSku(event.sku)), catalogTags.listings];
    default:
      return [];
  }
}
