// GET /api/catalog/{service}: one service's actions, resource types and condition keys, loaded by
// the visual policy editor when a statement picks that service. Signed-in callers only; cacheable
// privately because the data only changes with a deploy.

import { NextResponse } from "next/server";
import { getCaller } from "@/lib/auth/session";
import { loadServiceCatalog } from "@/lib/catalog/serviceCatalog";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ service: string }> }) {
  if (!(await getCaller())) {
    return NextResponse.json({ error: "Unauthenticated: sign in to read the service catalog." }, { status: 401 });
  }
  const { service } = await params;
  const catalog = await loadServiceCatalog(service);
  if (!catalog) {
    return NextResponse.json({ error: `NoSuchEntity: service "${service}" is not in the catalog.` }, { status: 404 });
  }
  return NextResponse.json(catalog, { headers: { "Cache-Control": "private, max-age=3600" } });
}
