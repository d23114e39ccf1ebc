import Link from "next/link";
import { buttonStyles } from "@/components/forms/buttonStyles";

export interface ChecklistEntry {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
  readonly detail: string;
  readonly action?: { readonly href: string; readonly label: string };
}

/** The best-practice checklist: each item says whether it is done, why, and where to act on it. */
export function Checklist({ items }: { items: readonly ChecklistEntry[] }) {
  const done = items.filter((item) => item.done).length;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" data-testid="checklist-progress">
        {done} of {items.length} done
      </p>
      <ol className="flex flex-col divide-y divide-slate-200">
        {items.map((item) => (
          <li key={item.id} className="flex gap-3 py-3" data-testid={`checklist-${item.id}`} data-done={item.done}>
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${item.done ? "bg-emerald-600 text-white" : "border-2 border-amber-500 text-amber-700"}`}
            >
              {item.done ? "✓" : "!"}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-slate-900">
                {item.title}
                <span className={`ml-2 rounded px-1.5 py-0.5 text-xs font-semibold ${item.done ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>
                  {item.done ? "Done" : "Not done"}
                </span>
              </p>
              <p className="mt-1 text-sm text-slate-600">{item.detail}</p>
              {item.action && !item.done && (
                <Link href={item.action.href} className={`${buttonStyles.link} mt-1 inline-block text-sm`}>
                  {item.action.label}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
