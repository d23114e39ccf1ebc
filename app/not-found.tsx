import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/feedback/NotFoundPanel";
import { StandalonePage } from "@/components/feedback/StandalonePage";

export const metadata: Metadata = { title: "Page not found · Portcullis" };

// Any address that matches no route. Next sends this component with every page, so it stays a
// server component that reads nothing (not even who is signed in: the dashboard sends a signed-out
// visitor to sign in).
export default function NotFound() {
  return (
    <StandalonePage>
      <NotFoundPanel
        title="Page not found"
        message="There is no page at this address."
        hint="The address may be mistyped, or the link that led here may be out of date."
        links={[
          { href: "/dashboard", label: "Go to the dashboard" },
          { href: "/signin", label: "Sign in" },
        ]}
      />
    </StandalonePage>
  );
}
