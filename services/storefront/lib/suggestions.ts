import type { ProductSummary } from "./catalog.ts";

/** What a suggestion shows: the product's name and brand, and where it goes. */
export type Suggestion = { name: string; brand: string; href: string };

export function suggestionsFrom(products: Pick<ProductSummary, "name" | "slug" | "brand">[]): Suggestion[] {
  return products.map(product => ({ name: product.name, brand: product.brand.name, href: `/p/${product.slug}` }));
}

/** The option the arrow keys move to: down from the input goes to the first, up from the first back to the input (-1). */
export function moveActive(active: number, count: number, key: "ArrowDown" | "ArrowUp"): number {
  if (count === 0) return -1;
  if (key === "ArrowDown") return active + 1 >= count ? 0 : active + 1;
  return active <= 0 ? -1 : active - 1;
}
