// GET /api/catalog: the list of AWS services for the policy editor's service picker. Signed-in
// callers only; the list changes only with a deploy, so browsers may cache it privately.

import { NextResponse } from "next/server";
import { getCaller } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/serviceCatalog";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!(await getCaller())) {
    return NextResponse.json({ error: "Unauthenticated: sign in to read the service catalog." }, { status: 401 });
  }
  return NextResponse.json(
    { services: await listServices() },
    { headers: { "Cache-Control": "private, max-age=3600" } },
  );
}
