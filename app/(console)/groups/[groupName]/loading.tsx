import { DetailPageSkeleton } from "@/components/table/Skeleton";

// Without this, the list page's skeleton (one level up) would stand in for the detail page.
export default function LoadingGroup() {
  return <DetailPageSkeleton label="Loading group…" />;
}
