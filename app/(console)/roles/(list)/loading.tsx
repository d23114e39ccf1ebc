// In the (list) group so the skeleton wraps only the list page: one level up it would also wrap
// the role pages, which must answer 404 before anything streams.
import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingRoles() {
  return <ListPageSkeleton label="Loading roles…" columns={4} />;
}
