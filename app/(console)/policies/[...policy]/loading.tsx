import { DetailPageSkeleton } from "@/components/table/Skeleton";

// Without this, the list page's skeleton (one level up) would stand in for the policy page.
export default function LoadingPolicy() {
  return <DetailPageSkeleton label="Loading policy…" />;
}
