import { param, type SearchParams } from "@/components/table/queryHref";
import { InlinePolicyPage } from "../../../_server/InlinePolicyPage";

export const dynamic = "force-dynamic";

/** Create an inline policy for the user, or (`?name=`) edit one, in the policy editor. */
export default async function UserInlinePolicyPage({ params, searchParams }: { params: Promise<{ userName: string }>; searchParams: Promise<SearchParams> }) {
  const name = decodeURIComponent((await params).userName);
  return <InlinePolicyPage owner={{ kind: "user", name }} policyName={param(await searchParams, "name")} />;
}
