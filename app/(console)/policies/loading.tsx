import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingPolicies() {
  return <ListPageSkeleton label="Loading policies…" columns={4} />;
}
