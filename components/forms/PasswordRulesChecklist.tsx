import { checkPasswordRules, type PasswordRules } from "@/lib/iam/core/passwordRules";

/**
 * The account's password rules under a password field, each ticked once the typed password meets
 * it. Not a live region: announcing every keystroke would drown the typing; the field points here
 * with aria-describedby, so the state is read when the person returns to it.
 */
export function PasswordRulesChecklist({ id, rules, password }: { id: string; rules: PasswordRules; password: string }) {
  const checks = checkPasswordRules(password, rules);
  return (
    <div id={id} className="text-xs text-slate-700" data-testid="password-rules">
      <p className="font-medium">The account&apos;s password policy requires:</p>
      {/* Unlabelled on purpose: a label would stand in for the items in the field's description. */}
      <ul className="mt-1 flex flex-col gap-0.5">
        {checks.map((check) => (
          <li key={check.rule} className={`flex items-start gap-1.5 ${check.met ? "text-emerald-800" : ""}`} data-met={check.met}>
            <span aria-hidden="true" className={`w-3 shrink-0 font-bold ${check.met ? "text-emerald-700" : "text-slate-400"}`}>
              {check.met ? "✓" : "○"}
            </span>
            <span>
              {check.rule}
              <span className="sr-only">{check.met ? " (met)" : " (not met yet)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
