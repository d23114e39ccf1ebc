"use client";

import { useState } from "react";
import { CopyButton } from "@/components/console/CopyButton";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import { useFormAction } from "@/components/forms/useFormAction";
import { MfaCodeFields } from "./MfaCodeFields";
import type { CreateMfaDeviceState, EnableMfaDeviceState, MfaActions } from "./mfaState";

/**
 * The enrollment steps inside the "Assign MFA device" dialog: name the device, scan the QR code (or
 * type the secret key), then prove it works with two consecutive codes. The seed lives only in this
 * component's state: closing the dialog unmounts it, and the page never renders it again.
 */
export function MfaEnrollment({
  actions,
  suggestedName,
  onDone,
}: {
  actions: Pick<MfaActions, "create" | "enable">;
  suggestedName: string;
  onDone: () => void;
}) {
  // Both steps keep what was typed after an error (the device name, the codes): see useFormAction.
  const [created, create, creating] = useFormAction<CreateMfaDeviceState>(actions.create, {});
  const [enabled, enable, enabling] = useFormAction<EnableMfaDeviceState>(actions.enable, {}, (state) => {
    if (state.enabled) onDone();
  });
  const [showSecret, setShowSecret] = useState(false);
  const device = created.device;

  if (!device) {
    return (
      <form {...create} className="flex flex-col gap-4" data-testid="mfa-name-step">
        <TextField
          label="Device name"
          name="deviceName"
          defaultValue={suggestedName}
          required
          maxLength={226}
          spellCheck={false}
          description="A name to tell your devices apart, such as work-phone. Letters, digits and + = , . @ _ - only."
          testId="mfa-device-name"
        />
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className={buttonStyles.primary} disabled={creating} data-testid="mfa-name-next">
            {creating ? "Creating…" : "Next"}
          </button>
        </div>
        <ErrorRegion error={created.error} />
      </form>
    );
  }

  return (
    <form {...enable} className="flex flex-col gap-4" data-testid="mfa-codes-step">
      <input type="hidden" name="serialNumber" value={device.SerialNumber} />
      <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm text-slate-700">
        <li>Install an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) on your phone or computer.</li>
        <li>
          <p>Open the app and scan this QR code.</p>
          {/* A plain <img>: the PNG is a data URL made on the server, nothing for next/image to optimise. */}
          <img src={`data:image/png;base64,${device.QRCodePNG}`} alt="QR code for the authenticator app" width={200} height={200} className="mt-2 rounded border border-slate-200" data-testid="mfa-qr-code" />
          <button type="button" className={buttonStyles.link + " mt-2 text-sm"} onClick={() => setShowSecret((shown) => !shown)} aria-expanded={showSecret} data-testid="mfa-show-secret">
            {showSecret ? "Hide secret key" : "Show secret key"}
          </button>
          {showSecret && <SecretKey seed={device.Base32StringSeed} />}
        </li>
        <li>Enter two consecutive codes from the app.</li>
      </ol>
      <MfaCodeFields testIdPrefix="mfa-enroll" />
      <p className="text-xs text-slate-600">
        Device <code className="font-mono">{device.SerialNumber}</code>. The secret key is shown only now; after this step nobody can see it again.
      </p>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.primary} disabled={enabling} data-testid="mfa-enroll-submit">
          {enabling ? "Checking…" : "Add MFA device"}
        </button>
      </div>
      <ErrorRegion error={enabled.error} testId="mfa-enroll-error" />
    </form>
  );
}

/**
 * The secret key for typing into an app by hand, in groups of four as authenticator apps show it;
 * a group never breaks across lines. Copy copies the key without the spaces (apps accept both).
 */
function SecretKey({ seed }: { seed: string }) {
  const groups = seed.match(/.{1,4}/g) ?? [];
  return (
    <div className="mt-1 flex flex-col gap-1">
      <p id="mfa-secret-label">Or type this key into the app (time-based):</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-labelledby="mfa-secret-label" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm tracking-wide" data-testid="mfa-secret">
          {groups.map((group, index) => (
            <span key={index} className="whitespace-nowrap">
              {group}
              {index < groups.length - 1 ? " " : ""}
            </span>
          ))}
        </code>
        <CopyButton value={seed} label="Copy secret key" />
      </div>
    </div>
  );
}
