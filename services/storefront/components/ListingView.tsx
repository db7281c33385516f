import Link from "next/link";
import type { FacetValue, SearchResult } from "@/lib/catalog.ts";
import { isSelected, listingHref, sortLabels, sorts, type Listing, type UrlParameters } from "@/lib/listing.ts";
import { ProductCard } from "./ProductCard.tsx";

type Props = { path: string; parameters: UrlParameters; listing: Listing; result: SearchResult; withCategories: boolean };

function FacetGroup({ title, parameter, values, path, parameters }: { title: string; parameter: string; values: FacetValue[]; path: string; parameters: UrlParameters }) {
  if (!values.length) return null;
  return (
    <fieldset>
      <legend>{title}</legend>
      <ul>
        {values.map(value => {
          const selected = isSelected(parameters, parameter, value.value);
          return (
            <li key={value.value}>
              <Link href={listingHref(path, parameters, { toggle: [parameter, value.value] })} aria-current={selected} rel="nofollow">
                {value.label} <span className="count">({value.count})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** A listing: facets as links (they work without JavaScript and every state has a URL), sort, products, next page. */
export function ListingView({ path, parameters, listing, result, withCategories }: Props) {
  const { facets } = result;
  return (
    <div className="listing">
      <aside className="facets" aria-label="Filters">
        {withCategories ? (
          <fieldset>
            <legend>Category</legend>
            <ul>
              {facets.categories.slice(0, 12).map(c => (
                <li key={c.value}><Link href={`/c/${c.value}`}>{c.label} <span className="count">({c.count})</span></Link></li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <FacetGroup title="Brand" parameter="brand" values={facets.brands} path={path} parameters={parameters} />
        <FacetGroup title="Sport" parameter="sport" values={facets.sports} path={path} parameters={parameters} />
        <FacetGroup title="Size" parameter="size" values={facets.sizes} path={path} parameters={parameters} />
        <FacetGroup title="Colour" parameter="colour" values={facets.colours} path={path} parameters={parameters} />
        {facets.priceBands.length ? (
          <fieldset>
            <legend>Price</legend>
            <ul>
              {facets.priceBands.map(band => {
                const selected = isSelected(parameters, "price", band.value);
                return (
                  <li key={band.value}>
                    <Link href={listingHref(path, parameters, { set: { price: selected ? undefined : band.value } })} aria-current={selected} rel="nofollow">
                      {band.label} <span className="count">({band.count})</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>Availability</legend>
          <Link href={listingHref(path, parameters, { set: { stock: listing.filters.inStock ? undefined : "in" } })} aria-current={!!listing.filters.inStock} rel="nofollow">
            In stock only
          </Link>
        </fieldset>
      </aside>
      <section aria-labelledby="results-heading">
        <div className="toolbar">
          <p id="results-heading" role="status">{result.totalCount.toLocaleString("en")} {result.totalCount === 1 ? "product" : "products"}</p>
          <nav aria-label="Sort">
            <ul className="sorts">
              {sorts.filter(s => s !== "RELEVANCE" || listing.query).map(sort => (
                <li key={sort}>
                  <Link href={listingHref(path, parameters, { set: { sort: sort.toLowerCase() } })} aria-current={listing.sort === sort} rel="nofollow">
                    {sortLabels[sort]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {result.nodes.length ? (
          <ul className="grid">
            {result.nodes.map((product, i) => <ProductCard key={product.id} product={product} priority={i < 4} />)}
          </ul>
        ) : (
          <p className="notice">No products match. Try removing a filter.</p>
        )}
        <nav className="pager" aria-label="Pages">
          {listing.after ? <Link href={listingHref(path, parameters, { set: { after: undefined } })}>First page</Link> : null}
          {result.pageInfo.hasNextPage && result.pageInfo.endCursor ? (
            <Link href={listingHref(path, parameters, { set: { after: result.pageInfo.endCursor } })} rel="next">Next page</Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
