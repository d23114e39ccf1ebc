import type { PolicyContainer } from "@/lib/policy";
import { countPolicyCharacters, POLICY_SIZE_QUOTAS } from "@/lib/policy/validation/size";

/** "N / LIMIT characters (without whitespace)": IAM's size quota for the policy's container. */
export function CharacterCount({ text, container }: { text: string; container: PolicyContainer }) {
  const count = countPolicyCharacters(text);
  const limit = POLICY_SIZE_QUOTAS[container];
  const over = count > limit;
  return (
    <p data-testid="policy-char-count" data-over-limit={over} className={`text-xs tabular-nums ${over ? "font-semibold text-red-700" : "text-slate-600"}`}>
      {count.toLocaleString("en-US")} / {limit.toLocaleString("en-US")} characters (without whitespace)
      {over && <span> — over the quota by {(count - limit).toLocaleString("en-US")}</span>}
    </p>
  );
}
