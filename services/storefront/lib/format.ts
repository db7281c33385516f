/** Money as the services send it: minor units and an ISO 4217 currency. */
export type Money = { amountMinor: number; currency: string };

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-IE", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** "€89.99": the shop's locale is English; the currency decides the symbol and the number of decimals. */
export function formatMoney(money: Money): string {
  return formatterFor(money.currency).format(Number(majorUnits(money)));
}

/** "89.99": the amount in major units with the currency's decimals, as schema.org offers want it. */
export function majorUnits(money: Money): string {
  const digits = formatterFor(money.currency).resolvedOptions().maximumFractionDigits ?? 2;
  return (money.amountMinor / 10 ** digits).toFixed(digits);
}

/** "2d 03:04:05" or "03:04:05" until a sale ends; "00:00:00" once it has. */
export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Percent saved against a higher reference price, rounded down so the shop never overstates it. */
export function percentOff(price: Money, reference: Money | null | undefined): number | null {
  if (!reference || reference.currency !== price.currency || reference.amountMinor <= price.amountMinor) return null;
  return Math.floor(((reference.amountMinor - price.amountMinor) * 100) / reference.amountMinor);
}
