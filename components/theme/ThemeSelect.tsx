"use client";

import { useId, useState } from "react";
import { THEME_COOKIE, themeAttribute, type Theme } from "./theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** A year: the choice is a preference of this browser, like AWS's "Visual mode". */
const ONE_YEAR = 60 * 60 * 24 * 365;

/** The theme picker in the top bar: applies the choice at once and remembers it on this device. */
export function ThemeSelect({ initial }: { initial: Theme }) {
  const id = useId();
  const [theme, setTheme] = useState(initial);
  const choose = (next: Theme) => {
    setTheme(next);
    const attribute = themeAttribute(next);
    if (attribute) document.documentElement.dataset.theme = attribute;
    else delete document.documentElement.dataset.theme;
    document.cookie = attribute
      ? `${THEME_COOKIE}=${attribute}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`
      : `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  };
  return (
    <span className="inline-flex items-center gap-1.5">
      <label htmlFor={id} className="text-ink-400">
        Theme
      </label>
      <select
        id={id}
        value={theme}
        onChange={(event) => choose(event.target.value as Theme)}
        className="rounded-md border border-ink-600 bg-ink-800 px-1.5 py-0.5 text-sm text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-100"
      >
        {(Object.keys(LABELS) as Theme[]).map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </span>
  );
}
