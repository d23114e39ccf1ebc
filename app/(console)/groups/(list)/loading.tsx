// In the (list) group so the skeleton wraps only the list page: one level up it would also wrap
// the detail pages, which must answer 404 before anything streams.
import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingGroups() {
  return <ListPageSkeleton label="Loading groups…" columns={5} />;
}
