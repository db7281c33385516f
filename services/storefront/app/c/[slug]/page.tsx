import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ListingView } from "@/components/ListingView.tsx";
import { parseListing, type UrlParameters } from "@/lib/listing.ts";
import { cachedCatalog } from "@/lib/catalogCache.ts";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<UrlParameters> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, parameters] = await Promise.all([params, searchParams]);
  const category = await cachedCatalog.category(slug);
  if (!category) return { title: "Not found" };
  // Filtered and later pages are variations of the category page: one canonical URL, not indexed separately.
  const filtered = Object.keys(parameters).length > 0;
  return {
    title: category.name,
    description: `Shop ${category.name.toLowerCase()} at Space of Sport.`,
    alternates: { canonical: `/c/${slug}` },
    robots: filtered ? { index: false, follow: true } : undefined,
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const [{ slug }, parameters] = await Promise.all([params, searchParams]);
  const category = await cachedCatalog.category(slug);
  if (!category) notFound();
  const listing = parseListing(parameters, slug);
  const { search } = await cachedCatalog.search(listing);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li><Link href="/">Home</Link></li>
          {category.breadcrumbs.filter(c => c.slug !== slug).map(c => <li key={c.slug}><Link href={`/c/${c.slug}`}>{c.name}</Link></li>)}
          <li aria-current="page">{category.name}</li>
        </ol>
      </nav>
      <h1>{category.name}</h1>
      {category.children.length ? (
        <nav aria-label={`Within ${category.name}`}>
          <ul className="sorts" style={{ marginBottom: "1rem" }}>
            {category.children.map(child => <li key={child.slug}><Link href={`/c/${child.slug}`}>{child.name}</Link></li>)}
          </ul>
        </nav>
      ) : null}
      <ListingView path={`/c/${slug}`} parameters={parameters} listing={listing} result={search} withCategories={false} />
    </>
  );
}
