import Link from "next/link";
import { Suspense } from "react";
import { Countdown } from "@/components/Countdown.tsx";
import { LiveFlashSale } from "@/components/LiveFlashSale.tsx";
import { ProductCard } from "@/components/ProductCard.tsx";
import { Recommendations } from "@/components/Recommendations.tsx";
import { cachedCatalog } from "@/lib/catalogCache.ts";
import { currentUser } from "@/lib/session.ts";
import { catalog } from "@/lib/shop.ts";

// Prices, stock and sales change all the time: rendered per request on the server.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const now = new Date();
  const [inStock, sales, roots, user] = await Promise.all([
    cachedCatalog.search({ filters: { inStock: true }, sort: "BEST_SELLING" }, 48),
    catalog.liveFlashSales(now).catch(() => []),
    cachedCatalog.rootCategories(),
    currentUser(),
  ]);
  // Until inventory has reported stock (a fresh shop's first minute), best sellers are shown as they are.
  const featured = inStock.search.nodes.length ? inStock : await cachedCatalog.search({ filters: {}, sort: "BEST_SELLING" }, 8);
  const saleProducts = inStock.search.nodes.filter(p => p.onSale).slice(0, 4);
  return (
    <>
      <h1>Sports gear for every game</h1>
      {sales.length ? (
        <section className="sales" aria-labelledby="sales-heading">
          <h2 id="sales-heading">Flash sales</h2>
          <ul>
            {sales.map(sale => (
              <li key={sale.id} data-sale={sale.id}>
                <strong>{sale.name}</strong>{sale.percentOff ? ` — ${sale.percentOff}% off` : ""}: ends in{" "}
                <Countdown endsAt={sale.endsAt} renderedAt={now.getTime()} />{" "}
                <LiveFlashSale saleId={sale.id} user={user?.id ?? null} status={sale.unitsStatus ?? null} remaining={sale.remainingUnits ?? null} />
              </li>
            ))}
          </ul>
          {saleProducts.length ? <ul className="grid" style={{ marginTop: "1rem" }}>{saleProducts.map(p => <ProductCard key={p.id} product={p} />)}</ul> : null}
        </section>
      ) : null}
      <Suspense fallback={null}>
        <Recommendations title="Recommended for you" />
      </Suspense>
      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading">Best sellers</h2>
        <ul className="grid">
          {featured.search.nodes.slice(0, 8).map((product, i) => <ProductCard key={product.id} product={product} priority={i < 4} />)}
        </ul>
      </section>
      <section aria-labelledby="shop-by-heading">
        <h2 id="shop-by-heading">Shop by category</h2>
        <ul className="sorts">
          {roots.map(category => <li key={category.slug}><Link href={`/c/${category.slug}`} className="button">{category.name}</Link></li>)}
        </ul>
      </section>
    </>
  );
}
