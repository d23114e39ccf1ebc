// Listing pages keep their state (filter, sort, page) in the URL so that every view is linkable
// and works without JavaScript. These helpers build the links that change one part of it.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search parameter (Next gives an array when it repeats). */
export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a repeated search parameter. */
export function params(params: SearchParams, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `path?…` with `changes` applied to `current`; undefined or empty-array changes remove a parameter. */
export function hrefWith(path: string, current: SearchParams, changes: SearchParams): string {
  const query = new URLSearchParams();
  const merged = { ...current, ...changes };
  for (const [name, value] of Object.entries(merged)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, one);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Filters and sorting change what page 1 is, so links that change them drop the page position. */
export const RESET_PAGE: SearchParams = { marker: undefined, prev: undefined };
