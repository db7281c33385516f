/**
 * A listing's state lives in its URL (shareable, crawlable, back-button friendly): the search text, one parameter per
 * facet (repeated for several values), the sort and the page cursor.
 */
export const sorts = ["RELEVANCE", "PRICE_ASC", "PRICE_DESC", "NEWEST", "BEST_SELLING"] as const;
export type Sort = (typeof sorts)[number];

export const sortLabels: Record<Sort, string> = {
  RELEVANCE: "Relevance",
  PRICE_ASC: "Price: low to high",
  PRICE_DESC: "Price: high to low",
  NEWEST: "Newest",
  BEST_SELLING: "Best selling",
};

/** URL parameter → the catalog's filter field. */
export const facetParameters = { brand: "brands", sport: "sports", size: "sizes", colour: "colours" } as const;
export type FacetParameter = keyof typeof facetParameters;

export type SearchFilters = {
  category?: string;
  brands?: string[];
  sports?: string[];
  sizes?: string[];
  colours?: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
};

export type Listing = { query?: string; filters: SearchFilters; sort: Sort; after?: string };

export type UrlParameters = Record<string, string | string[] | undefined>;

const all = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(v => v !== "");
const first = (value: string | string[] | undefined) => all(value)[0];

/** Reads a listing from the page's search parameters; anything malformed is ignored rather than failing the page. */
export function parseListing(parameters: UrlParameters, category?: string): Listing {
  const filters: SearchFilters = {};
  if (category) filters.category = category;
  for (const [parameter, field] of Object.entries(facetParameters)) {
    const values = all(parameters[parameter]);
    if (values.length) filters[field] = values;
  }
  const price = first(parameters.price)?.match(/^(\d*)-(\d*)$/);
  if (price?.[1]) filters.minPrice = Number(price[1]);
  // The catalog's price bands exclude their upper bound; its maxPrice filter includes it.
  if (price?.[2]) filters.maxPrice = Number(price[2]) - 1;
  if (first(parameters.stock) === "in") filters.inStock = true;
  const sort = first(parameters.sort)?.toUpperCase();
  const query = first(parameters.q)?.trim();
  return {
    query: query || undefined,
    filters,
    sort: sorts.includes(sort as Sort) ? (sort as Sort) : query ? "RELEVANCE" : "BEST_SELLING",
    after: first(parameters.after),
  };
}

/**
 * The URL of this listing with one change; any change of filter or sort starts again from the first page (a cursor
 * belongs to the result it came from).
 */
export function listingHref(path: string, parameters: UrlParameters, change: { set?: Record<string, string | undefined>; toggle?: [string, string] }): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) for (const v of all(value)) next.append(key, v);
  if (change.toggle) {
    const [key, value] = change.toggle;
    const values = next.getAll(key);
    next.delete(key);
    for (const v of values.includes(value) ? values.filter(v => v !== value) : [...values, value]) next.append(key, v);
  }
  for (const [key, value] of Object.entries(change.set ?? {})) {
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  if (!change.set || !("after" in change.set)) next.delete("after");
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

export function isSelected(parameters: UrlParameters, key: string, value: string): boolean {
  return all(parameters[key]).includes(value);
}
