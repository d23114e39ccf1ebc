import { USERS_LIST_FILTERS, type UsersListFilter } from "./usersListFilters";

/**
 * The users list's credential filters as labelled selects, inside the list's filter form (FilterBox):
 * plain GET fields, so they work from the keyboard and without script, and the URL says what is shown.
 */
export function UsersListFilterSelects({ chosen }: { chosen: UsersListFilter }) {
  return (
    <>
      {USERS_LIST_FILTERS.map((filter) => (
        <div key={filter.name} className="flex flex-col gap-1">
          <label htmlFor={`users-filter-${filter.name}`} className="text-sm font-medium text-slate-800">
            {filter.label}
          </label>
          <select
            id={`users-filter-${filter.name}`}
            name={filter.name}
            defaultValue={chosen[filter.name] ?? ""}
            data-testid={`users-filter-${filter.name}`}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          >
            <option value="">Any</option>
            {filter.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
    </>
  );
}
