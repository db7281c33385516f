import type { MetadataRoute } from "next";
import { publicUrl } from "@/lib/shop.ts";

export default function robots(): MetadataRoute.Robots {
  // Listings with filters have endless combinations: crawlers get the category pages and products from the sitemap.
  return { rules: { userAgent: "*", allow: "/", disallow: ["/search", "/api/", "/graphql/", "/developer", "/scalar/"] }, sitemap: `${publicUrl}/sitemap.xml` };
}
