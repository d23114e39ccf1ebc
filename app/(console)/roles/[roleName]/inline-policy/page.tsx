import { param, type SearchParams } from "@/components/table/queryHref";
import { InlinePolicyPage } from "../../../_server/InlinePolicyPage";

export const dynamic = "force-dynamic";

/** Create an inline policy for the role, or (`?name=`) edit one, in the policy editor. */
export default async function RoleInlinePolicyPage({ params, searchParams }: { params: Promise<{ roleName: string }>; searchParams: Promise<SearchParams> }) {
  const name = decodeURIComponent((await params).roleName);
  return <InlinePolicyPage owner={{ kind: "role", name }} policyName={param(await searchParams, "name")} />;
}
