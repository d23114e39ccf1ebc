import { TextField } from "@/components/forms/TextField";

/** AWS's two consecutive codes, for enrollment and resync. Never pre-filled: a code is a credential. */
export function MfaCodeFields({ testIdPrefix }: { testIdPrefix: string }) {
  const common = { inputMode: "numeric", autoComplete: "one-time-code", pattern: "[0-9 ]{6,7}", maxLength: 7, required: true, spellCheck: false } as const;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <TextField {...common} label="MFA code 1" name="code1" description="The code the app shows now." testId={`${testIdPrefix}-code1`} />
      <TextField {...common} label="MFA code 2" name="code2" description="Wait for the code to change, then enter the next one." testId={`${testIdPrefix}-code2`} />
    </div>
  );
}
