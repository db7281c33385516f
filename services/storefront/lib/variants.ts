import type { Variant } from "./catalog.ts";

export type VariantChoice = {
  colours: { colour: string; inStock: boolean }[];
  /** The sizes of the chosen colour, in the catalog's order. */
  sizes: { size: string; inStock: boolean }[];
  colour: string;
  size: string | null;
  /** The variant the shopper has chosen, once colour and size name one. */
  variant: Variant | null;
};

/**
 * The picker's state from the URL's `colour` and `size`. The colour defaults to the first one in stock (else the
 * first); a size is only chosen by the shopper, except for one-size products; an unknown value is ignored.
 */
export function chooseVariant(variants: Variant[], wanted: { colour?: string; size?: string }): VariantChoice {
  const colours: { colour: string; inStock: boolean }[] = [];
  for (const v of variants) {
    const known = colours.find(c => c.colour === v.colour);
    if (known) known.inStock ||= v.inStock;
    else colours.push({ colour: v.colour, inStock: v.inStock });
  }
  const colour = colours.find(c => c.colour === wanted.colour)?.colour ?? colours.find(c => c.inStock)?.colour ?? colours[0]?.colour ?? "";
  const ofColour = variants.filter(v => v.colour === colour);
  const sizes = ofColour.map(v => ({ size: v.size, inStock: v.inStock }));
  const size = sizes.length === 1 ? sizes[0].size : (sizes.find(s => s.size === wanted.size)?.size ?? null);
  return { colours, sizes, colour, size, variant: ofColour.find(v => v.size === size) ?? null };
}
