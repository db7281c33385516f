import type { Metadata } from "next";
import { ListingView } from "@/components/ListingView.tsx";
import { parseListing, type UrlParameters } from "@/lib/listing.ts";
import { cachedCatalog } from "@/lib/catalogCache.ts";
import { reportUsage } from "@/lib/visit.ts";

type Props = { searchParams: Promise<UrlParameters> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { query } = parseListing(await searchParams);
  return { title: query ? `“${query}”` : "All products", robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const parameters = await searchParams;
  const listing = parseListing(parameters);
  const { search } = await cachedCatalog.search(listing);
  if (listing.query) void reportUsage({ type: "search-performed", query: listing.query, resultCount: search.totalCount });
  return (
    <>
      <h1>{listing.query ? <>Results for “{listing.query}”</> : "All products"}</h1>
      <ListingView path="/search" parameters={parameters} listing={listing} result={search} withCategories />
    </>
  );
}
