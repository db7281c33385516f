"use client";

import Link from "next/link";
import { type ReactNode, useActionState } from "react";
import type { MergeReport } from "@/lib/cart.ts";

/** A sign-in, registration or profile form's answer: errors next to their fields, and the cart merge at sign-in. */
export type AccountFormState = {
  ok?: string;
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
  merge?: MergeReport;
};

export type Field = { name: string; label: string; type?: string; autoComplete?: string; required?: boolean; hint?: string; defaultValue?: string };

const limitNames: Record<string, string> = {
  "quantity-per-line": "at most 10 of one item",
  "flash-sale-limit": "the flash sale's limit per customer",
  "lines-per-cart": "the cart's 50 lines",
};

function MergeReportView({ merge }: { merge: MergeReport }) {
  return (
    <section className="notice" aria-labelledby="merge-heading" data-testid="merge-report">
      <h2 id="merge-heading">Your cart came with you</h2>
      <p>{merge.linesMerged} {merge.linesMerged === 1 ? "item was" : "items were"} added to your account's cart.</p>
      <ul>
        {merge.lines.map(line => (
          <li key={line.sku}>
            {line.sku}: {line.quantity === line.requested ? `${line.quantity} in your cart` : `${line.quantity} of ${line.requested} kept (${limitNames[line.limit ?? ""] ?? line.limit})`}
          </li>
        ))}
      </ul>
      <p><Link href="/cart">See your cart</Link></p>
    </section>
  );
}

/**
 * A form posting to a server action (Next.js checks the action's Origin; the session cookies are httpOnly and
 * SameSite=Lax), with each field's error next to it (`aria-invalid`, `aria-describedby`) and the form's answer in a
 * live region.
 */
export function AccountForm({ action, fields, checkboxes, submitLabel, label, after, hidden }: {
  action: (state: AccountFormState, data: FormData) => Promise<AccountFormState>;
  fields: Field[];
  checkboxes?: { legend: string; items: { name: string; label: string; checked: boolean }[] };
  submitLabel: string;
  label: string;
  after?: ReactNode;
  /** Hidden fields sent with the form (e.g. `next`, where a sign-in goes afterwards). */
  hidden?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <>
      <form action={formAction} className="stack" aria-label={label} noValidate>
        {Object.entries(hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        {fields.map(field => {
          const error = state.fields?.[field.name];
          const described = [error ? `${field.name}-error` : null, field.hint ? `${field.name}-hint` : null].filter(Boolean).join(" ") || undefined;
          return (
            <div key={field.name} className="field">
              <label htmlFor={field.name}>{field.label}</label>
              {field.hint ? <p id={`${field.name}-hint`} className="muted hint">{field.hint}</p> : null}
              <input
                id={field.name}
                name={field.name}
                type={field.type ?? "text"}
                autoComplete={field.autoComplete}
                required={field.required}
                defaultValue={state.values?.[field.name] ?? field.defaultValue}
                aria-invalid={error ? true : undefined}
                aria-describedby={described}
              />
              {error ? <p id={`${field.name}-error`} className="field-error">{error}</p> : null}
            </div>
          );
        })}
        {checkboxes ? (
          <fieldset className="plain">
            <legend>{checkboxes.legend}</legend>
            {checkboxes.items.map(item => (
              <label key={item.name} className="choice">
                <input type="checkbox" name={item.name} defaultChecked={item.checked} /> {item.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" disabled={pending}>{submitLabel}</button>
        <p className={state.error ? "message error" : "message ok"} role="status">{state.error ?? state.ok ?? ""}</p>
      </form>
      {state.merge ? <MergeReportView merge={state.merge} /> : null}
      {state.ok && after ? after : null}
    </>
  );
}
