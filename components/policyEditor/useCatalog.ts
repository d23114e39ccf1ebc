"use client";

// The service catalog in the browser: the service list and each service's details are fetched
// once per page load from app/api/catalog and shared by every statement card.

import { useEffect, useState } from "react";
import type { CatalogService, ServiceCatalog } from "@/lib/catalog/catalogTypes";

export type Loadable<T> = { readonly state: "loading" } | { readonly state: "ready"; readonly value: T } | { readonly state: "failed"; readonly message: string };

const requests = new Map<string, Promise<unknown>>();

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The catalog answered ${response.status}.`);
  }
  return response.json();
}

function load(url: string): Promise<unknown> {
  let request = requests.get(url);
  if (!request) {
    request = fetchJson(url).catch((error: unknown) => {
      requests.delete(url);
      throw error;
    });
    requests.set(url, request);
  }
  return request;
}

function useLoad<T>(url: string | undefined, pick: (body: unknown) => T): Loadable<T> | undefined {
  const [result, setResult] = useState<{ url: string; value: Loadable<T> }>();
  useEffect(() => {
    if (!url) return;
    let live = true;
    load(url).then(
      (body) => live && setResult({ url, value: { state: "ready", value: pick(body) } }),
      (error: unknown) => live && setResult({ url, value: { state: "failed", message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      live = false;
    };
    // pick is a pure projection of the body; only the URL decides what to load.
  }, [url]);
  if (!url) return undefined;
  return result?.url === url ? result.value : { state: "loading" };
}

export function useServiceList(): Loadable<readonly CatalogService[]> {
  return useLoad("/api/catalog", (body) => (body as { services: CatalogService[] }).services) ?? { state: "loading" };
}

/** One service's catalog; undefined while no service is picked. */
export function useServiceCatalog(service: string | undefined): Loadable<ServiceCatalog> | undefined {
  return useLoad(service ? `/api/catalog/${encodeURIComponent(service)}` : undefined, (body) => body as ServiceCatalog);
}
