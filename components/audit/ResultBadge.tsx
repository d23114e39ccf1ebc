/** Allowed / Denied / Failed in colour and in words, so the result never depends on colour alone. */
const STYLES: Record<string, string> = {
  Allowed: "bg-emerald-100 text-emerald-900",
  Denied: "bg-red-100 text-red-900",
  Failed: "bg-amber-100 text-amber-900",
};
const MARKS: Record<string, string> = { Allowed: "✓", Denied: "✕", Failed: "!" };

export function ResultBadge({ result }: { result: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[result] ?? "bg-slate-100 text-slate-800"}`}>
      <span aria-hidden="true">{MARKS[result] ?? "•"}</span>
      {result}
    </span>
  );
}
