import type { Metadata } from "next";
import { requireCaller } from "@/lib/auth/session";
import { DeleteAccountPasswordPolicy, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy } from "@/lib/iam/account/passwordPolicy";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PasswordPolicyForm } from "@/components/passwordPolicy/PasswordPolicyForm";
import { DEFAULT_POLICY_RULES, describePasswordPolicy } from "@/components/passwordPolicy/passwordPolicyDescription";
import { pagePermissions } from "../_server/pagePermissions";
import { readOperation } from "../_server/readOperation";
import { deletePasswordPolicy, savePasswordPolicy } from "./actions";

export const metadata: Metadata = { title: "Password policy · Portcullis" };
export const dynamic = "force-dynamic";

export default async function PasswordPolicyPage() {
  const caller = await requireCaller();
  const [result, controls] = await Promise.all([
    readOperation(GetAccountPasswordPolicy, {}, caller),
    pagePermissions(caller, {
      // The rules are what the person will choose; the decision does not read them.
      save: { Operation: UpdateAccountPasswordPolicy, Input: {} },
      delete: { Operation: DeleteAccountPasswordPolicy, Input: {} },
    }),
  ]);
  // NoSuchEntity is the normal "no custom policy": AWS's default rules apply.
  const custom = result.ok ? result.value.PasswordPolicy : undefined;
  const refused = !result.ok && result.error.code !== "NoSuchEntity" ? result.error : undefined;
  return (
    <div className="flex max-w-4xl flex-col gap-5">
      <PageHeader
        title="Account password policy"
        description="The rules for IAM users' console passwords, checked whenever a password is set: by an administrator, or by a user changing their own. The root user's password is not affected."
      />
      {refused ? (
        <ErrorPanel error={refused} />
      ) : (
        <>
          <Panel
            title={custom ? "Custom password policy" : "Default password policy"}
            description={custom ? "This account's own rules." : "This account has no password policy of its own, so AWS's default rules apply."}
            actions={
              custom && (
                <ConfirmActionDialog
                  action={deletePasswordPolicy}
                  triggerLabel="Delete custom policy"
                  title="Delete the custom password policy?"
                  confirmLabel="Delete policy"
                  testId="delete-password-policy"
                  permission={controls.delete}
                >
                  <p>
                    The account goes back to AWS&apos;s default rules: at least 8 characters mixing three kinds of characters, no expiry and no reuse rule. Existing
                    passwords stay valid, and users can change their own password only if a policy allows it.
                  </p>
                </ConfirmActionDialog>
              )
            }
            testId="password-policy-summary"
          >
            <ul className="list-disc pl-5 text-sm text-slate-800">
              {(custom ? describePasswordPolicy(custom) : DEFAULT_POLICY_RULES).map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </Panel>
          <Panel title={custom ? "Edit password policy" : "Create a custom password policy"} description="Changes apply to passwords set from now on; expiry counts from when each password was last set.">
            <PasswordPolicyForm current={custom} save={savePasswordPolicy} permission={controls.save} />
          </Panel>
        </>
      )}
    </div>
  );
}
