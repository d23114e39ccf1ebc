// The console's colour theme: the system's (prefers-color-scheme) unless the person picks one. The
// choice lives in a cookie, not localStorage, so the server renders <html data-theme> with it and
// the first paint is already in the chosen theme (no script runs before paint; the CSP allows none).

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "portcullis-theme";

/** A cookie's value as a theme; anything else (absent, tampered) is the system's. */
export function parseTheme(value: string | undefined): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}

/** The <html data-theme> attribute for a theme: none for the system's, so the media query decides. */
export const themeAttribute = (theme: Theme): "light" | "dark" | undefined => (theme === "system" ? undefined : theme);
