import Dexie, { type Collection, type Table } from 'dexie';

/**
 * The rows of one learner through a compound index that starts with learnerId (and optionally
 * more fixed parts), in the order of the index's last part. `from`/`to` bound that last part
 * (inclusive). Every learner-owned query goes through here, so none can forget the scope.
 */
export function learnerRange<T, K, TInsert>(
  table: Table<T, K, TInsert>,
  index: string,
  prefix: readonly [learnerId: string, ...rest: (string | number)[]],
  bounds: { from?: number; to?: number } = {},
): Collection<T, K, TInsert> {
  return table
    .where(index)
    .between([...prefix, bounds.from ?? Dexie.minKey], [...prefix, bounds.to ?? Dexie.maxKey], true, true);
}
