import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

const INSTALLED = Symbol.for('trialstream.validationMetadataCache');
const PLAIN_CALL = 'undefined\u0000false\u0000false\u0000';

/**
 * Remembers class-validator's rules per validated class. Its lookup scans every decorated class of
 * the process on each validation to find inherited rules (typestack/class-validator#2686, open),
 * which made it the largest single cost of consuming an event. A class's rules are all registered
 * when it is defined, so the answer only changes when rules are added later (a schema registered
 * at run time): every addition empties the cache. The executor's grouping of those rules by
 * property is remembered per list as well.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  let cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let ofTarget = cache.get(target);
    if (!ofTarget) cache.set(target, (ofTarget = new Map()));
    // The arguments of nearly every call, without building the key string each time.
    const key = schema === undefined && always === false && strictGroups === false && groups === undefined ? PLAIN_CALL : `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}`;
    let found = ofTarget.get(key);
    if (!found) ofTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  const groups = new WeakMap<object, ReturnType<MetadataStorage['groupByPropertyName']>>();
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (!grouped) groups.set(metadata, (grouped = groupByProperty(metadata)));
    return grouped;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[method].bind(storage) as (argument: never) => void;
    storage[method] = ((argument: never) => {
      cache = new WeakMap();
      add(argument);
    }) as never;
  }
}
