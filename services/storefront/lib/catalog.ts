import type { Money } from "./format.ts";
import type { Listing } from "./listing.ts";
import { apiTarget, type ApiTarget } from "./services.ts";

export class CatalogUnavailableError extends Error {}

type Fetch = typeof fetch;

/**
 * The storefront's server-side client for the catalog, through the storefront's sidecar or the gateway
 * (`lib/services.ts`). Nothing here runs in the browser.
 */
export class CatalogClient {
  constructor(private readonly target: ApiTarget = apiTarget(), private readonly fetcher: Fetch = fetch) {}

  url(app: string, path: string): string {
    return this.target.baseUrl + this.target.prefix(app, path);
  }

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.send("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new CatalogUnavailableError(`catalog GraphQL: ${body.errors?.map(e => e.message).join("; ") ?? "no data"}`);
    return body.data;
  }

  async rest<T>(path: string): Promise<T | null> {
    const response = await this.send(path, { headers: { accept: "application/json" } });
    if (response.status === 404) return null;
    return (await response.json()) as T;
  }

  /** The raw response, for what the storefront passes through (product images). */
  async raw(path: string): Promise<Response> {
    return this.fetcher(this.url("catalog", path), { headers: this.target.headers, cache: "no-store" });
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetcher(this.url("catalog", path), { ...init, headers: { ...this.target.headers, ...init.headers }, cache: "no-store" });
    } catch (cause) {
      throw new CatalogUnavailableError("the catalog cannot be reached", { cause });
    }
    if (!response.ok && response.status !== 404) throw new CatalogUnavailableError(`the catalog answered ${response.status}`);
    return response;
  }

  search(listing: Listing, first = 24): Promise<{ search: SearchResult }> {
    return this.graphql(searchQuery, { query: listing.query ?? null, filters: listing.filters, sort: listing.sort, first, after: listing.after ?? null });
  }

  async product(slug: string): Promise<Product | null> {
    return (await this.graphql<{ product: Product | null }>(productQuery, { slug })).product;
  }

  async category(slug: string): Promise<Category | null> {
    return (await this.graphql<{ category: Category | null }>(categoryQuery, { slug })).category;
  }

  async rootCategories(): Promise<Category[]> {
    return (await this.graphql<{ categories: Category[] }>(rootCategoriesQuery)).categories;
  }

  /** Sales running now, soonest to end first. */
  async liveFlashSales(now: Date): Promise<FlashSale[]> {
    const page = await this.rest<{ items: FlashSale[] }>("/api/flash-sales?limit=50");
    return (page?.items ?? [])
      .filter(sale => new Date(sale.endsAt) > now && new Date(sale.startsAt) <= now)
      .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
  }

  /** Every active product's slug and update time, for the sitemap (pages of 200). */
  async allProductSlugs(): Promise<{ slug: string; updatedAt?: string }[]> {
    const slugs: { slug: string; updatedAt?: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/products?limit=200&status=Active${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page: { items: { slug: string; updatedAt?: string }[]; nextCursor: string | null } | null = await this.rest(query);
      for (const item of page?.items ?? []) slugs.push({ slug: item.slug, updatedAt: item.updatedAt });
      cursor = page?.nextCursor ?? null;
    } while (cursor);
    return slugs;
  }
}

export type FacetValue = { value: string; label: string; count: number };
export type Facets = Record<"categories" | "brands" | "sports" | "sizes" | "colours" | "priceBands" | "inStock", FacetValue[]>;
export type Variant = { id: string; sku: string; size: string; colour: string; price: Money; listPrice: Money; compareAtPrice: Money | null; inStock: boolean };
export type CategoryRef = { slug: string; name: string };
export type Category = CategoryRef & { id: string; depth: number; children: CategoryRef[]; breadcrumbs: CategoryRef[] };
export type ProductSummary = {
  id: string;
  slug: string;
  name: string;
  brand: { slug: string; name: string };
  images: string[];
  price: Money;
  listPrice: Money;
  onSale: boolean;
  inStock: boolean;
};
export type Product = ProductSummary & {
  number: number;
  description: string;
  ageGroup: string;
  category: (CategoryRef & { breadcrumbs: CategoryRef[] }) | null;
  attributes: { name: string; value: string }[];
  variants: Variant[];
};
export type SearchResult = { totalCount: number; nodes: ProductSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean }; facets: Facets };
export type FlashSale = {
  id: string;
  name: string;
  productIds: string[];
  startsAt: string;
  endsAt: string;
  state: string;
  percentOff: number | null;
  /** While it runs: units left as a word, and their count (anonymous callers, as the storefront is: from ten up). */
  unitsStatus?: "available" | "low" | "out" | null;
  remainingUnits?: number | null;
};

const summaryFields = `id slug name brand { slug name } images price { amountMinor currency } listPrice { amountMinor currency } onSale inStock`;
const facetFields = `value label count`;

const searchQuery = `query Search($query: String, $filters: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $query, filters: $filters, sort: $sort, first: $first, after: $after) {
    totalCount
    nodes { ${summaryFields} }
    pageInfo { endCursor hasNextPage }
    facets { categories { ${facetFields} } brands { ${facetFields} } sports { ${facetFields} } sizes { ${facetFields} }
             colours { ${facetFields} } priceBands { ${facetFields} } inStock { ${facetFields} } }
  }
}`;

const productQuery = `query Product($slug: String!) {
  product(slug: $slug) {
    ${summaryFields} number description ageGroup
    category { slug name breadcrumbs { slug name } }
    attributes { name value }
    variants { id sku size colour price { amountMinor currency } listPrice { amountMinor currency } compareAtPrice { amountMinor currency } inStock }
  }
}`;

const categoryQuery = `query Category($slug: String!) {
  category(slug: $slug) { id slug name depth children { slug name } breadcrumbs { slug name } }
}`;

const rootCategoriesQuery = `{ categories { id slug name depth children { slug name } breadcrumbs { slug name } } }`;
