import { unstable_cache } from "next/cache";
import type { ProductSummary } from "./catalog.ts";
import { catalogTags } from "./catalogEvents.ts";
import { cachedCatalog } from "./catalogCache.ts";
import { catalog } from "./shop.ts";
import { ServiceClient, type Shopper } from "./services.ts";

/**
 * Recommendations from analytics' GraphQL (services/Analytics/README.md): `recommendations(productId)` for a product
 * page, `recommendedForMe` for a signed-in shopper. Analytics answers product ids only; the cards come from the catalog
 * (cached like every catalog read). A section of recommendations is an extra: when analytics or the catalog does not
 * answer, it is left out and the page renders as usual.
 */
export type Recommendation = { product: ProductSummary; reason: string };

type Recommended = { productId: string; reason: string };

const forProductQuery = `query ForProduct($productId: ID!, $first: Int!) { recommendations(productId: $productId, first: $first) { productId reason } }`;
const forMeQuery = `query ForMe($first: Int!) { recommendedForMe(first: $first) { productId reason } }`;

export class RecommendationsClient {
  constructor(
    private readonly services: ServiceClient = new ServiceClient(),
    private readonly productById: (id: string) => Promise<ProductSummary | null> = cachedProductById,
  ) {}

  /** "You may also like" for a product page: bought together, then similar products, then best sellers. */
  forProduct(productId: string, first: number): Promise<Recommendation[]> {
    return this.ask(forProductQuery, "recommendations", { productId, first }, {});
  }

  /** Personal recommendations; none without a signed-in shopper. */
  forShopper(shopper: Shopper, first: number): Promise<Recommendation[]> {
    if (!shopper.accessToken) return Promise.resolve([]);
    return this.ask(forMeQuery, "recommendedForMe", { first }, shopper);
  }

  private async ask(query: string, field: string, variables: Record<string, unknown>, shopper: Shopper): Promise<Recommendation[]> {
    try {
      const answer = await this.services.call<{ data?: Record<string, Recommended[] | null> }>("analytics", "/graphql", { method: "POST", body: { query, variables }, shopper });
      const recommended = answer.ok ? answer.body?.data?.[field] ?? [] : [];
      const products = await Promise.all(recommended.map(r => this.productById(r.productId).catch(() => null)));
      return recommended.flatMap((r, i) => (products[i] ? [{ product: products[i]!, reason: r.reason }] : []));
    } catch {
      return []; // analytics is down: the page goes on without its recommendations
    }
  }
}

/** A product's card by id: the catalog's REST answer names its slug (active products only), the cached GraphQL product gives the card. */
async function cachedProductById(id: string): Promise<ProductSummary | null> {
  const slug = await unstable_cache(
    async () => {
      const product = await catalog.rest<{ slug: string; status: string }>(`/api/products/${encodeURIComponent(id)}`);
      return product && product.status.toLowerCase() === "active" ? product.slug : null;
    },
    ["catalog-product-slug", id],
    { tags: [catalogTags.products], revalidate: 600 },
  )();
  return slug ? cachedCatalog.product(slug) : null;
}

export const recommendations = new RecommendationsClient();
