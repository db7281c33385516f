import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { catalog, publicUrl, shopName } from "@/lib/shop.ts";
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
            </div>
            <CategoryNav />
          </div>
        </header>
        <main id="main" className="container">{children}</main>
        <footer className="site">
          <div className="container">© {shopName}. Prices include VAT.</div>
        </footer>
      </body>
    </html>
  );
}
