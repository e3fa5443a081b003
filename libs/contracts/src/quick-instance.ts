import { TransformationType } from 'class-transformer';
import type { defaultMetadataStorage as MetadataStorage } from 'class-transformer/types/storage';

// class-transformer keeps its metadata storage out of its public entry (as json-schemas.ts reads it).
const { defaultMetadataStorage: storage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: typeof MetadataStorage };

/** A class as class-transformer's metadata names it. */
type Class = abstract new (...args: never[]) => unknown;

/**
 * class-transformer's plainToInstance (default options) for what the contracts meet on the hot
 * path: parsed JSON (plain objects, arrays, primitives) into classes whose only class-transformer
 * decorator is @Type(() => SomeClass). It builds the same instances: `new` of the class (its
 * declared fields own properties, undefined), every own key copied except those class-transformer skips, nested values of a @Type property as that
 * class, other objects as plain copies. It answers undefined for anything else (another decorator,
 * a discriminator, a built-in @Type, a Date or Map or any object not plain, a class with accessors
 * or fields the constructor sets), and the caller then asks class-transformer. Profiling found
 * class-transformer's generic walk (metadata lookups per key and per level) to be a fifth of the
 * enrollment service's CPU per screening.
 */
export function instantiateQuickly<T extends object>(cls: new () => T, plain: unknown): T | undefined {
  if (!isPlainObject(plain)) return undefined;
  const result = copyInto(cls, plain);
  return result === GIVE_UP ? undefined : (result as T);
}

const GIVE_UP = Symbol('give up');
type Copy = unknown | typeof GIVE_UP;

/** Per class and key: the class a @Type names, null for no @Type, GIVE_UP for what this module does not cover. */
const keyTypes = new Map<Class, Map<string, Class | null | typeof GIVE_UP>>();
/** Per class: whether it is one this module covers (see classCovered). */
const coveredClasses = new Map<Class, boolean>();

const BUILT_IN: unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set, Object, Array, Promise];

/** An object as JSON.parse makes it; one with a key named "constructor" class-transformer reads as its class, so not covered. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && value.constructor === Object;
}

/** No strategy, @Expose or @Exclude anywhere in its chain; no accessors; no field given a value by the constructor. */
function classCovered(cls: Class): boolean {
  let covered = coveredClasses.get(cls);
  if (covered === undefined) {
    covered =
      storage.getStrategy(cls) === 'none' &&
      storage.getExposedMetadatas(cls).length === 0 &&
      storage.getExcludedMetadatas(cls).length === 0 &&
      chainHasNoAccessors(cls) &&
      Object.values(new (cls as new () => object)()).every((value) => value === undefined);
    coveredClasses.set(cls, covered);
  }
  return covered;
}

function chainHasNoAccessors(cls: Class): boolean {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor') return false; // a method or an accessor: class-transformer skips or calls around those
    }
  }
  return true;
}

/**
 * Keys remembered per class, at most: a class's own properties are a few dozen; beyond that the
 * keys come from the sender (the ingress topic is open to sponsors' systems), which must not grow
 * the cache, so they are looked up each time.
 */
const KEYS_REMEMBERED = 256;

function keyType(cls: Class, key: string): Class | null | typeof GIVE_UP {
  let byKey = keyTypes.get(cls);
  if (!byKey) keyTypes.set(cls, (byKey = new Map()));
  let type = byKey.get(key);
  if (type === undefined) {
    type = resolveKeyType(cls, key);
    if (byKey.size < KEYS_REMEMBERED) byKey.set(key, type);
  }
  return type as Class;
}

function resolveKeyType(cls: Class, key: string): Class | null | typeof GIVE_UP {
  if (storage.findTransformMetadatas(cls, key, TransformationType.PLAIN_TO_CLASS).length > 0) return GIVE_UP;
  const metadata = storage.findTypeMetadata(cls, key);
  if (!metadata) return null;
  if (metadata.options?.discriminator || !metadata.typeFunction) return GIVE_UP;
  // class-transformer builds a Map or a Set for a property declared as one; this copies arrays and objects only.
  if (metadata.reflectedType === Map || metadata.reflectedType === Set) return GIVE_UP;
  // Called without the object: a @Type whose answer depends on it is not covered (and would be wrong to remember).
  if (metadata.typeFunction.length > 0) return GIVE_UP;
  const type = metadata.typeFunction();
  if (typeof type !== 'function' || BUILT_IN.includes(type) || !classCovered(type as Class)) return GIVE_UP;
  return type as Class;
}

/** A new array of each item's copy, or GIVE_UP as soon as one gives up. */
function copyEach(values: unknown[], copy: (item: unknown) => Copy): Copy {
  const items: unknown[] = [];
  for (const item of values) {
    const itemCopy = copy(item);
    if (itemCopy === GIVE_UP) return GIVE_UP;
    items.push(itemCopy);
  }
  return items;
}

/** class-transformer's transform() for one value; `type` is the @Type class, if any. */
function copyValue(value: unknown, type: Class | null): Copy {
  if (Array.isArray(value)) return copyEach(value, (item) => copyValue(item, type));
  if (typeof value !== 'object' || value === null) return value;
  if (!isPlainObject(value)) return GIVE_UP;
  return type ? copyInto(type, value) : copyInto(null, value);
}

/** A new instance of `cls` (or a plain object), with the keys of `plain` as class-transformer copies them. */
function copyInto(cls: Class | null, plain: Record<string, unknown>): Copy {
  if (cls && !classCovered(cls)) return GIVE_UP;
  const target: Record<string, unknown> = cls ? new (cls as new () => Record<string, unknown>)() : {};
  for (const key of Object.keys(plain)) {
    if (key === '__proto__' || key === 'constructor') continue;
    // class-transformer leaves alone a key that names a function of the target (toString, say).
    if (target[key] instanceof Function) continue;
    const type = cls ? keyType(cls, key) : null;
    if (type === GIVE_UP) return GIVE_UP;
    const copy = copyValue(plain[key], type);
    if (copy === GIVE_UP) return GIVE_UP;
    target[key] = copy;
  }
  return target;
}

/**
 * class-transformer's instanceToPlain (default options) for plain data: objects made by literals
 * or JSON.parse, arrays and primitives only. That is a deep copy (keys named __proto__ or
 * constructor left out, as class-transformer does). Undefined for anything else (a class
 * instance, a Date, a function), which the caller then gives to class-transformer.
 */
export function copyPlainQuickly<T>(value: T): T | undefined {
  const copy = plainCopy(value);
  return copy === GIVE_UP ? undefined : (copy as T);
}

function plainCopy(value: unknown): Copy {
  if (Array.isArray(value)) return copyEach(value, plainCopy);
  if (typeof value === 'function') return GIVE_UP;
  if (typeof value !== 'object' || value === null) return value;
  if (!isPlainObject(value)) return GIVE_UP;
  const target: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const copy = plainCopy(value[key]);
    if (copy === GIVE_UP) return GIVE_UP;
    target[key] = copy;
  }
  return target;
}
