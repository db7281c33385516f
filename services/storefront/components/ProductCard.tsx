import Link from "next/link";
import type { ProductSummary } from "@/lib/catalog.ts";
import { Price } from "./Price.tsx";

/** A product in a grid; `href` overrides the product page link (e.g. to tell a recommendation's click apart). */
export function ProductCard({ product, priority = false, href }: { product: ProductSummary; priority?: boolean; href?: string }) {
  return (
    <li className="card">
      <Link href={href ?? `/p/${product.slug}`}>
        {/* The catalog's pictures are square SVGs: width and height reserve their space before they load. */}
        <img src={product.images[0] ?? "/images/products/placeholder.svg"} alt="" width={320} height={320} loading={priority ? "eager" : "lazy"} />
        <div className="body">
          <p className="brand-name">{product.brand.name}</p>
          <p className="name">{product.name}</p>
          <Price price={product.price} was={product.onSale ? product.listPrice : null} />
          {product.onSale ? <> <span className="badge">Sale</span></> : null}
          {!product.inStock ? <> <span className="badge out">Sold out</span></> : null}
        </div>
      </Link>
    </li>
  );
}
