/** The product name with its mark (`inverted` on the always-dark top bar): a portcullis gate, drawn inline so no asset or font is fetched. */
export function Brand({ inverted = false }: { inverted?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-2 text-lg font-semibold tracking-tight ${inverted ? "text-ink-100" : "text-slate-900"}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M4 21V7l8-4 8 4v14" />
        <path d="M8 21V9M12 21V9M16 21V9M4 13h16M4 17h16" />
      </svg>
      Portcullis
    </span>
  );
}
