"use client";

import { type ReactNode, useActionState } from "react";

/** What a server action tells the shopper: a confirmation, or an error (with field errors next to their fields). */
export type ActionState = { ok?: string; error?: string; fields?: Record<string, string> };

export type FormAction = (state: ActionState, data: FormData) => Promise<ActionState>;

/**
 * A form posting to a server action (Next.js checks the Origin of every action, and the session cookies are
 * SameSite=Lax: no cross-site form can use them), showing its answer in a live region. It works before the page's
 * scripts load, too: the form then posts and the page renders again.
 */
export function ActionForm({ action, submitLabel, children, className, label, buttonClassName }: {
  action: FormAction;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  label?: string;
  buttonClassName?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label}>
      {children}
      <button type="submit" className={buttonClassName} disabled={pending}>
        {submitLabel}
      </button>
      <p className={state.error ? "message error" : "message ok"} role="status">
        {state.error ?? state.ok ?? ""}
      </p>
    </form>
  );
}
