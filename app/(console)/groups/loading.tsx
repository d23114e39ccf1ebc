import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingGroups() {
  return <ListPageSkeleton label="Loading groups…" columns={5} />;
}
