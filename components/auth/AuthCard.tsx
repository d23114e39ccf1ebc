/** The card every sign-in page sits in: a heading, an optional line under it, the form. */
export function AuthCard({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby="auth-card-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="auth-card-title" className="text-xl font-semibold text-slate-900">
        {title}
      </h1>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}
