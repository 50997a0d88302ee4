/** Fields every Quickstart object carries. */
export function audit(record: {
  id: string;
  createdById?: string;
  createdDate: string;
  updatedById?: string;
  updatedDate: string;
}): Record<string, unknown> {
  return {
    id: record.id,
    created_by_id: record.createdById,
    created_time: record.createdDate,
    updated_by_id: record.updatedById,
    updated_time: record.updatedDate,
  };
}

/** The `expand[]` query values, e.g. `expand[]=bill_to&expand[]=sold_to`. */
export function expansions(query: Record<string, unknown>): ReadonlySet<string> {
  const raw = query['expand[]'] ?? query.expand;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return new Set(values.flatMap((value) => String(value).split(',')));
}
