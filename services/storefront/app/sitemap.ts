import type { MetadataRoute } from "next";
import type { Category } from "@/lib/catalog.ts";
import { catalog, publicUrl } from "@/lib/shop.ts";

// Regenerated at most once an hour, not at build time (the catalog is not running while the storefront builds).
export const revalidate = 3600;
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [roots, products] = await Promise.all([catalog.rootCategories(), catalog.allProductSlugs()]);
  const categories: string[] = [];
  const visit = async (category: Category) => {
    categories.push(category.slug);
    for (const child of category.children) {
      const full = await catalog.category(child.slug);
      if (full) await visit(full);
    }
  };
  for (const root of roots) await visit(root);
  return [
    { url: `${publicUrl}/`, changeFrequency: "daily", priority: 1 },
    ...categories.map(slug => ({ url: `${publicUrl}/c/${slug}`, changeFrequency: "daily" as const, priority: 0.8 })),
    ...products.map(p => ({ url: `${publicUrl}/p/${p.slug}`, lastModified: p.updatedAt, changeFrequency: "weekly" as const, priority: 0.6 })),
  ];
}
