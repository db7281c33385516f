import { formatMoney, percentOff, type Money } from "@/lib/format.ts";

/** What it costs now, and — when that is lower — the price it is compared against, struck through. */
export function Price({ price, was }: { price: Money; was?: Money | null }) {
  const saving = percentOff(price, was);
  return (
    <span className="price">
      <span className={saving ? "now sale" : "now"}>{formatMoney(price)}</span>
      {saving && was ? (
        <>
          <s className="was"><span className="visually-hidden">was </span>{formatMoney(was)}</s>
          <span className="visually-hidden"> ({saving}% off)</span>
        </>
      ) : null}
    </span>
  );
}
