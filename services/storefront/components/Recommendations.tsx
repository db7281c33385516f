import { ProductCard } from "@/components/ProductCard.tsx";
import { recommendations, type Recommendation } from "@/lib/recommendations.ts";
import { currentShopper } from "@/lib/session.ts";
import { reportUsage } from "@/lib/visit.ts";

/** The query parameter a recommendation's link carries, so the product page can report the click. */
export const recommendationClickParameter = { name: "via", value: "recommendation" } as const;

/**
 * A titled grid of recommendations from analytics: for a product page (`productId`: "You may also like") or for the
 * signed-in shopper (home: "Recommended for you"). Each product shown is reported as `recommendation-shown`; its link
 * carries `?via=recommendation`, which the product page reports as `recommendation-clicked`. Nothing to show (or
 * analytics not answering): no section at all.
 */
export async function Recommendations({ productId, title, first = 4 }: { productId?: string; title: string; first?: number }) {
  const shown: Recommendation[] = productId
    ? await recommendations.forProduct(productId, first)
    : await recommendations.forShopper(await currentShopper(), first);
  if (shown.length === 0) return null;
  for (const { product } of shown) void reportUsage({ type: "recommendation-shown", productId: product.id });
  const headingId = productId ? "also-like-heading" : "for-you-heading";
  return (
    <section aria-labelledby={headingId} data-testid="recommendations">
      <h2 id={headingId}>{title}</h2>
      <ul className="grid">
        {shown.map(({ product }) => (
          <ProductCard key={product.id} product={product} href={`/p/${product.slug}?${recommendationClickParameter.name}=${recommendationClickParameter.value}`} />
        ))}
      </ul>
    </section>
  );
}
