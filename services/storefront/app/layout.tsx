import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LiveCart } from "@/components/LiveCart.tsx";
import { SearchBox } from "@/components/SearchBox.tsx";
import { itemCount } from "@/lib/cart.ts";
import { currentShopper, currentUser } from "@/lib/session.ts";
import { cachedCatalog } from "@/lib/catalogCache.ts";
import { carts, publicUrl, shopName } from "@/lib/shop.ts";
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
  const roots = await cachedCatalog.rootCategories().catch(() => []);
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

/**
 * The header's cart link with how many items the cart holds (asked only when the shopper has a cart or signed in);
 * signed in, every tab follows the cart's changes live (LiveCart).
 */
async function CartLink() {
  const [shopper, user] = await Promise.all([currentShopper(), currentUser()]);
  const cart = shopper.cartCookie || shopper.accessToken ? await carts.get(shopper).then(a => a.body, () => null) : null;
  const count = itemCount(cart);
  return (
    <>
      <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
        Cart <span className="count" data-testid="cart-count">{count}</span>
      </Link>
      {user ? <LiveCart user={user.id} version={cart?.version ?? 0} /> : null}
    </>
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
              <SearchBox />
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
