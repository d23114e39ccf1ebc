import { NotFoundPanel } from "@/components/feedback/NotFoundPanel";

// Inside the console shell, for a notFound() no closer segment answers (users, groups and policies
// have their own, which name what was missing).
export default function ConsoleNotFound() {
  return (
    <NotFoundPanel
      title="Page not found"
      message="What this page shows does not exist in this account."
      hint="It may have been deleted, or the address may be mistyped."
      links={[{ href: "/dashboard", label: "Go to the dashboard" }]}
    />
  );
}
