import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { itemCount } from "@/lib/cart.ts";
import { currentShopper, currentUser } from "@/lib/session.ts";
import { carts, catalog, publicUrl, shopName } from "@/lib/shop.ts";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(publicUrl),
  title: { default: `${shopName} — sports gear for every game`, template: `%s | ${shopName}` },
  description: "Running, football, basketball, tennis, cycling, fitness and outdoor gear from 20 brands.",
  openGraph: { siteName: shopName, type: "website" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#14171a" };

async function CategoryNav() {
  // The header still renders when the catalog is down; the page itself says what is wrong.
  const roots = await catalog.rootCategories().catch(() => []);
  if (!roots.length) return null;
  return (
    <nav className="categories" aria-label="Categories">
      <ul>
        {roots.map(category => (
          <li key={category.slug}>
            <Link href={`/c/${category.slug}`}>{category.name}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The header's cart link with how many items the cart holds (asked only when the shopper has a cart or signed in). */
async function CartLink() {
  const shopper = await currentShopper();
  const cart = shopper.cartCookie || shopper.accessToken ? await carts.get(shopper).then(a => a.body, () => null) : null;
  const count = itemCount(cart);
  return (
    <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      Cart <span className="count" data-testid="cart-count">{count}</span>
    </Link>
  );
}

async function AccountLinks() {
  const user = await currentUser();
  return user ? <Link href="/account">Account</Link> : <Link href="/sign-in">Sign in</Link>;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site">
          <div className="container">
            <div className="bar">
              <Link href="/" className="brand">{shopName}</Link>
              <form action="/search" role="search">
                <label htmlFor="site-search" className="visually-hidden">Search products</label>
                <input id="site-search" type="search" name="q" placeholder="Search shoes, balls, rackets…" autoComplete="off" />
                <button type="submit">Search</button>
              </form>
              <nav className="account" aria-label="Your shop">
                <AccountLinks />
                <CartLink />
              </nav>
            </div>
            <CategoryNav />
          </div>
        </header>
        <main id="main" className="container">{children}</main>
        <footer className="site">
          <div className="container">© {shopName}. Prices include VAT in the EU and the UK; US sales tax is added at checkout.</div>
        </footer>
      </body>
    </html>
  );
}
