"use client";

/** Any page whose services failed: the shop says so plainly and offers a retry instead of a stack trace. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="notice" role="alert">
      <h1>The shop is having a moment</h1>
      <p>We could not reach the catalog just now. Please try again in a few seconds.</p>
      <button type="button" onClick={reset}>Try again</button>
    </div>
  );
}
