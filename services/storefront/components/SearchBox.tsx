"use client";

import { useRouter } from "next/navigation";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { moveActive, type Suggestion } from "@/lib/suggestions.ts";

/** How long typing must pause before suggestions are asked for. */
const debounceMs = 200;

/**
 * The header's search, with suggestions as the shopper types (debounced, from `/suggest`, the catalog's typo-tolerant
 * search). An ARIA combobox: the arrow keys move through the list, Enter opens the product chosen (or searches for
 * what was typed), Escape closes it. Without scripts it is the plain form posting to `/search`.
 */
export function SearchBox() {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const typed = query.trim();
    if (typed.length < 2) {
      setSuggestions([]);
      return;
    }
    const ask = ++latest.current;
    const timer = setTimeout(async () => {
      const response = await fetch(`/suggest?q=${encodeURIComponent(typed)}`).catch(() => null);
      const found = response?.ok ? ((await response.json()) as Suggestion[]) : [];
      // An older question answering late must not replace a newer one's answer.
      if (ask !== latest.current) return;
      setSuggestions(found);
      setActive(-1);
      setOpen(true);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query]);

  const expanded = open && suggestions.length > 0;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive(current => moveActive(current, suggestions.length, event.key as "ArrowDown" | "ArrowUp"));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      setOpen(false);
      router.push(suggestions[active].href);
    }
  }

  return (
    <form action="/search" role="search" onSubmit={() => setOpen(false)}>
      <label htmlFor="site-search" className="visually-hidden">Search products</label>
      <div className="search-box">
        <input
          id="site-search"
          type="search"
          name="q"
          placeholder="Search shoes, balls, rackets…"
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={query}
          onChange={event => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        />
        <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!expanded}>
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion.href}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={event => {
                event.preventDefault();
                setOpen(false);
                router.push(suggestion.href);
              }}
            >
              {suggestion.name} <span className="muted">{suggestion.brand}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit">Search</button>
    </form>
  );
}
