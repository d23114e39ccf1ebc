"use client";

import { useParams } from "next/navigation";

/**
 * The name a not-found page was asked for, read from the URL's dynamic segment (not-found files get
 * no params). Decoded as the pages decode it; for display only, and React escapes it.
 */
export function useRequestedName(param: string): string {
  const value = useParams()[param];
  const segments = Array.isArray(value) ? value : [value ?? ""];
  return segments.map(decodeSegment).join("/");
}

// A segment that is not valid percent-encoding names nothing that can exist: show it as it came.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
