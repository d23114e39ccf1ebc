/** The step indicator down the side of the wizard: done steps ticked, the current one marked. */
export function WizardSteps({ steps, current, label = "Create user steps" }: { steps: readonly string[]; current: number; label?: string }) {
  return (
    <nav aria-label={label} className="md:w-56 md:shrink-0">
      <ol className="flex flex-wrap gap-x-4 gap-y-2 md:flex-col" data-testid="wizard-steps">
        {steps.map((title, index) => {
          const state = index < current ? "done" : index === current ? "current" : "todo";
          return (
            <li key={title} aria-current={state === "current" ? "step" : undefined} className="flex items-center gap-2 text-sm">
              <span
                aria-hidden="true"
                className={
                  "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold " +
                  (state === "done"
                    ? "bg-blue-700 text-white"
                    : state === "current"
                      ? "border-2 border-blue-700 text-blue-800"
                      : "border border-slate-300 text-slate-500")
                }
              >
                {state === "done" ? "✓" : index + 1}
              </span>
              <span className={state === "current" ? "font-semibold text-slate-900" : "text-slate-600"}>
                <span className="sr-only">Step {index + 1}: </span>
                {title}
                {state === "done" && <span className="sr-only"> (done)</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
