"use client";

import { startTransition, useActionState, useState } from "react";
import { PolicyEditor } from "@/components/policyEditor/PolicyEditor";
import { PolicySaveBar } from "@/components/policies/PolicySaveBar";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { ActionState } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import type { TrustPolicyDraft } from "./trustPolicyDraft";

type SaveTrustPolicyAction = (previous: ActionState, draft: TrustPolicyDraft) => Promise<ActionState>;

/**
 * "Edit trust policy": the console's policy editor with the trust-policy rules, so its live findings
 * are the ones UpdateAssumeRolePolicy applies (a Principal in every statement, no Resource, …). A
 * refused save keeps the text as typed, with AWS's error under it.
 */
export function EditTrustPolicyForm({
  roleName,
  initialDocument,
  cancelHref,
  save,
  permission,
}: {
  roleName: string;
  initialDocument: string;
  cancelHref: string;
  save: SaveTrustPolicyAction;
  /** What the engine said about UpdateAssumeRolePolicy on this role. */
  permission?: ControlPermission;
}) {
  const [document, setDocument] = useState(initialDocument);
  const [hasErrors, setHasErrors] = useState(false);
  const [state, dispatch, pending] = useActionState(save, {});
  const note = usePermissionNote(permission);

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (hasErrors || note.denied) return;
    startTransition(() => dispatch({ document }));
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-label={`Edit the trust policy of ${roleName}`} data-testid="trust-policy-form" noValidate>
      <Panel title="Trust policy" description={`The principals this policy allows to call sts:AssumeRole (or another trust action) may assume ${roleName}; their own policies must allow it too.`}>
        <PolicyEditor value={document} onChange={setDocument} kind="trust" container="trust" label="Trust policy" initialTab="json" onHasErrorsChange={setHasErrors} />
      </Panel>
      {note.note()}
      <PolicySaveBar
        id="trust-policy"
        documentHasErrors={hasErrors || note.denied}
        blockedMessage={note.denied ? "You may not change this trust policy (see above)." : undefined}
        pending={pending}
        cancelHref={cancelHref}
        label="Update policy"
        pendingLabel="Saving…"
        testId="save-trust-policy"
      />
      <ErrorRegion error={state.error} testId="trust-policy-error" />
    </form>
  );
}
