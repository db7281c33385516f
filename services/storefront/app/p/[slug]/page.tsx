import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Suspense } from "react";
import { ActionForm } from "@/components/ActionForm.tsx";
import { LiveStock } from "@/components/LiveStock.tsx";
import { Price } from "@/components/Price.tsx";
import { recommendationClickParameter, Recommendations } from "@/components/Recommendations.tsx";
import { addToCart } from "@/app/cart/actions.ts";
import type { Product } from "@/lib/catalog.ts";
import { majorUnits } from "@/lib/format.ts";
import { currentUser } from "@/lib/session.ts";
import { cachedCatalog } from "@/lib/catalogCache.ts";
import { publicUrl, shopName } from "@/lib/shop.ts";
import { chooseVariant } from "@/lib/variants.ts";
import { reportUsage } from "@/lib/visit.ts";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ colour?: string; size?: string; via?: string }> };

export const dynamic = "force-dynamic";

// generateMetadata and the page ask for the same product: one call per request.
const productBySlug = cache((slug: string) => cachedCatalog.product(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productBySlug((await params).slug);
  if (!product) return { title: "Not found" };
  const description = product.description.slice(0, 160);
  return {
    title: `${product.name} by ${product.brand.name}`,
    description,
    alternates: { canonical: `/p/${product.slug}` },
    openGraph: { title: product.name, description, images: product.images.slice(0, 1), type: "website" },
  };
}

/** schema.org Product with one Offer per variant, for search engines. */
function structuredData(product: Product) {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    sku: `SOS-${String(product.number).padStart(6, "0")}`,
    brand: { "@type": "Brand", name: product.brand.name },
    image: product.images.map(image => new URL(image, publicUrl).toString()),
    url: `${publicUrl}/p/${product.slug}`,
    offers: product.variants.map(v => ({
      "@type": "Offer",
      sku: v.sku,
      price: majorUnits(v.price),
      priceCurrency: v.price.currency,
      availability: v.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: `${publicUrl}/p/${product.slug}?colour=${encodeURIComponent(v.colour)}&size=${encodeURIComponent(v.size)}`,
      seller: { "@type": "Organization", name: shopName },
    })),
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const [{ slug }, wanted] = await Promise.all([params, searchParams]);
  const product = await productBySlug(slug);
  if (!product) notFound();
  const [nonce, user] = await Promise.all([headers().then(h => h.get("x-nonce") ?? undefined), currentUser()]);
  const choice = chooseVariant(product.variants, wanted);
  void reportUsage({ type: "product-viewed", productId: product.id, sku: choice.variant?.sku, size: choice.variant?.size });
  if (wanted.via === recommendationClickParameter.value) void reportUsage({ type: "recommendation-clicked", productId: product.id });
  const href = (colour: string, size: string | null) =>
    `/p/${slug}?colour=${encodeURIComponent(colour)}${size ? `&size=${encodeURIComponent(size)}` : ""}`;
  const shown = choice.variant ?? product.variants.find(v => v.colour === choice.colour) ?? product.variants[0];
  const compareAt = shown ? (shown.price.amountMinor < shown.listPrice.amountMinor ? shown.listPrice : shown.compareAtPrice) : null;
  const flashSale = !!shown && shown.price.amountMinor < shown.listPrice.amountMinor;
  const breadcrumbs = product.category ? [...product.category.breadcrumbs.filter(c => c.slug !== product.category!.slug), product.category] : [];

  return (
    <>
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: JSON.stringify(structuredData(product)).replace(/</g, "\\u003c") }} />
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li><Link href="/">Home</Link></li>
          {breadcrumbs.map(c => <li key={c.slug}><Link href={`/c/${c.slug}`}>{c.name}</Link></li>)}
        </ol>
      </nav>
      <article className="product">
        <div className="gallery">
          <img src={product.images[0]} alt={product.name} width={640} height={640} fetchPriority="high" />
        </div>
        <div>
          <p className="brand-name">{product.brand.name}</p>
          <h1>{product.name}</h1>
          <p aria-live="polite">
            {shown ? <Price price={choice.variant?.price ?? shown.price} was={compareAt} /> : null}
            {flashSale ? <> <span className="badge">Flash sale</span></> : null}
            {!choice.variant && choice.sizes.length > 1 ? <> <span className="brand-name">from</span></> : null}
          </p>

          <fieldset className="picker">
            <legend>Colour: {choice.colour}</legend>
            <ul>
              {choice.colours.map(c => (
                <li key={c.colour}>
                  <Link href={href(c.colour, choice.size)} aria-current={c.colour === choice.colour} className={c.inStock ? undefined : "unavailable"} replace scroll={false}>
                    {c.colour}{c.inStock ? "" : <span className="visually-hidden"> (sold out)</span>}
                  </Link>
                </li>
              ))}
            </ul>
          </fieldset>

          <fieldset className="picker">
            <legend>Size{choice.size ? `: ${choice.size}` : ""}</legend>
            <ul>
              {choice.sizes.map(s => (
                <li key={s.size}>
                  <Link href={href(choice.colour, s.size)} aria-current={s.size === choice.size} className={s.inStock ? undefined : "unavailable"} replace scroll={false}>
                    {s.size}{s.inStock ? "" : <span className="visually-hidden"> (sold out)</span>}
                  </Link>
                </li>
              ))}
            </ul>
          </fieldset>

          {choice.variant ? (
            <LiveStock key={choice.variant.sku} sku={choice.variant.sku} variant={`${choice.variant.size}, ${choice.variant.colour}`} user={user?.id ?? null} inStock={choice.variant.inStock}>
              {choice.variant.inStock ? `In stock — ${choice.variant.size}, ${choice.variant.colour} (SKU ${choice.variant.sku})` : `Sold out in ${choice.variant.size}, ${choice.variant.colour}`}
            </LiveStock>
          ) : (
            <p className="stock" role="status" data-testid="stock">{product.inStock ? "Choose a size" : "Sold out"}</p>
          )}

          {choice.variant?.inStock ? (
            <ActionForm action={addToCart} submitLabel="Add to cart" label="Add to cart" className="inline add-to-cart">
              <input type="hidden" name="sku" value={choice.variant.sku} />
              <input type="hidden" name="productId" value={product.id} />
              <input type="hidden" name="size" value={choice.variant.size} />
              <label htmlFor="quantity">Quantity</label>
              <select id="quantity" name="quantity" defaultValue="1">
                {Array.from({ length: 10 }, (_, i) => i + 1).map(n => <option key={n} value={n}>{n}</option>)}
              </select>
            </ActionForm>
          ) : null}

          <h2>Description</h2>
          <p>{product.description}</p>
          {product.attributes.length ? (
            <dl>
              {product.attributes.map(a => (
                <div key={a.name}><dt style={{ display: "inline", fontWeight: 600 }}>{a.name}: </dt><dd style={{ display: "inline", margin: 0 }}>{a.value}</dd></div>
              ))}
            </dl>
          ) : null}
        </div>
      </article>
      <Suspense fallback={null}>
        <Recommendations productId={product.id} title="You may also like" />
      </Suspense>
    </>
  );
}
