import { param, type SearchParams } from "@/components/table/queryHref";
import { InlinePolicyPage } from "../../../_server/InlinePolicyPage";

export const dynamic = "force-dynamic";

/** Create an inline policy for the group, or (`?name=`) edit one, in the policy editor. */
export default async function GroupInlinePolicyPage({ params, searchParams }: { params: Promise<{ groupName: string }>; searchParams: Promise<SearchParams> }) {
  const name = decodeURIComponent((await params).groupName);
  return <InlinePolicyPage owner={{ kind: "group", name }} policyName={param(await searchParams, "name")} />;
}
