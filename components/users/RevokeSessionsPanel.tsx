"use client";

import { useState } from "react";
import { Panel } from "@/components/console/Panel";
import { DateTime } from "@/components/console/DateTime";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { useFormAction } from "@/components/forms/useFormAction";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import type { RevokeSessionsState } from "./sessionsState";

type RevokeAction = (previous: RevokeSessionsState, form: FormData) => Promise<RevokeSessionsState>;

/** What the panel says, for an administrator ending a user's sessions or for a person ending their own other sessions. */
function wording(subject: { self: true } | { self: false; userName: string }) {
  if (subject.self) {
    return {
      title: "Sessions",
      description: "Sign out of the console on every other browser and device. This session stays signed in.",
      button: "Sign out other sessions",
      question: "Sign out of every other console session now?",
      done: "Every other console session was signed out.",
    };
  }
  const name = subject.userName;
  return {
    title: "Console sessions",
    description: `End every console session of ${name} at once, on every browser and device. They can sign in again with their password. Access keys keep working: deactivate them separately.`,
    button: "Revoke active sessions",
    question: `Sign ${name} out of every console session now?`,
    done: `All of ${name}'s console sessions were ended.`,
  };
}

/**
 * "Revoke active sessions" (RevokeUserSessions): asks once more, then ends the sessions and says so.
 * A refusal shows the engine's explanation, so a caller without iam:RevokeUserSessions learns why.
 */
export function RevokeSessionsPanel({
  subject,
  revoke,
  permission,
}: {
  subject: { self: true } | { self: false; userName: string };
  revoke: RevokeAction;
  /** What the engine said about RevokeUserSessions: denied keeps the button off, with the reason. */
  permission?: ControlPermission;
}) {
  const text = wording(subject);
  const note = usePermissionNote(permission);
  const [confirming, setConfirming] = useState(false);
  const [state, formProps, pending] = useFormAction<RevokeSessionsState>(revoke, {});
  const [lastSeen, setLastSeen] = useState<number | undefined>(undefined);
  // Close the confirmation once the sessions are ended (a new revokedAt arrives), without an effect.
  if (state.revokedAt && state.revokedAt !== lastSeen) {
    setLastSeen(state.revokedAt);
    setConfirming(false);
  }
  return (
    <Panel title={text.title} description={text.description} testId="revoke-sessions">
      {confirming ? (
        <form {...formProps} className="flex flex-col gap-3 rounded-md border border-red-200 bg-red-50 p-3" aria-label={text.button}>
          <p className="text-sm font-medium text-red-900">{text.question}</p>
          <div className="flex gap-2">
            <button type="submit" className={buttonStyles.danger} disabled={pending} data-testid="revoke-sessions-confirm">
              {pending ? "Signing out…" : text.button}
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex flex-col items-start gap-1">
          <button
            type="button"
            className={buttonStyles.dangerOutline}
            onClick={() => setConfirming(true)}
            disabled={note.denied}
            aria-describedby={note.describedBy}
            data-testid="revoke-sessions-start"
          >
            {text.button}
          </button>
          {note.note()}
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="revoke-sessions-result">
        {state.revokedAt && !state.error && (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            {text.done} (<DateTime value={new Date(state.revokedAt)} />)
          </p>
        )}
      </div>
      <ErrorRegion error={state.error} testId="revoke-sessions-error" />
    </Panel>
  );
}
