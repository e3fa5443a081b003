import { Exclude, Expose, instanceToPlain, plainToInstance, Transform, Type } from 'class-transformer';
import { EventEnvelope } from './envelope';
import { ScreeningData } from './enrollment/screening';
import { SubjectScreenedPayload } from './enrollment/enrollment-events';
import { copyPlainQuickly, instantiateQuickly } from './quick-instance';
import { ENVELOPE_SAMPLE, SCREENING_SAMPLE, SUBJECT_SCREENED_SAMPLE, variants } from './varied-samples.fixture';

class Vitals {
  pulse!: number;
}

class Visit {
  visitId!: string;
  @Type(() => Vitals) vitals!: Vitals;
  @Type(() => Vitals) repeats?: Vitals[];
  notes?: string[];
}

class FollowUpVisit extends Visit {
  month!: number;
}

const visit = { visitId: 'V1', vitals: { pulse: 70 }, repeats: [{ pulse: 72 }], notes: ['calm'] };

const ODD_VALUES: unknown[] = [
  undefined, null, '', 'x', 0, 1.5, true, [], {}, [{}], [1], [null], { pulse: 'x' }, { nested: { deeper: [1, { x: 2 }] } },
  JSON.parse('{"__proto__": {"polluted": 1}, "toString": 2, "valueOf": 3, "hasOwnProperty": 4}'),
  JSON.parse('{"constructor": 1}'),
];

const variantsOf = (sample: unknown) => variants(sample, ODD_VALUES, (value) => [
  { ...value, unexpected: { a: [1] } },
  Object.assign(JSON.parse('{"toString": "x", "__proto__": "y"}'), value),
  { ...value, constructor: 'z' },
]);

/** The same prototype at every level: a key named __proto__ copied as a key would change one. */
function expectSamePrototypes(actual: unknown, expected: unknown): void {
  if (typeof expected !== 'object' || expected === null) return;
  expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
  for (const key of Object.keys(expected)) expectSamePrototypes((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]);
}

describe('instantiateQuickly', () => {
  const cases: [string, new () => object, unknown][] = [
    ['ScreeningData', ScreeningData, SCREENING_SAMPLE],
    ['SubjectScreenedPayload', SubjectScreenedPayload, SUBJECT_SCREENED_SAMPLE],
    ['EventEnvelope', EventEnvelope, ENVELOPE_SAMPLE],
    ['a class with nested @Type properties', Visit, visit],
    ['a class inheriting them', FollowUpVisit, { ...visit, month: 3 }],
  ];

  it.each(cases)('builds what plainToInstance builds, same classes, same keys in the same order (%s, each value varied)', (_, cls, sample) => {
    let covered = 0;
    for (const variant of variantsOf(sample)) {
      // JSON in and out, as consumed messages are: the variants share no object with each other.
      const plain = variant === undefined ? {} : JSON.parse(JSON.stringify(variant));
      const quick = instantiateQuickly(cls, plain);
      if (quick === undefined) continue;
      covered++;
      const expected = plainToInstance(cls, JSON.parse(JSON.stringify(variant ?? {})));
      expect(quick).toStrictEqual(expected);
      expect(JSON.stringify(quick)).toBe(JSON.stringify(expected));
      expectSamePrototypes(quick, expected);
    }
    // It must take the hot path, not leave everything to class-transformer.
    expect(covered).toBeGreaterThan(variantsOf(sample).length / 2);
  });

  it.each(cases)('covers a valid %s', (_, cls, sample) => {
    expect(instantiateQuickly(cls, sample)).toBeInstanceOf(cls);
  });

  it('leaves to class-transformer what it does not cover', () => {
    class WithTransform {
      @Transform(({ value }) => String(value).trim()) name!: string;
    }
    class WithExpose {
      @Expose({ name: 'full_name' }) name!: string;
    }
    class WithExclude {
      @Exclude() secret!: string;
    }
    class WithDefault {
      kind = 'default';
    }
    class WithAccessor {
      get upper() {
        return 'X';
      }
    }
    class WithBuiltIn {
      @Type(() => Date) at!: Date;
    }
    class Reading {
      value!: number;
    }
    class WithSet {
      @Type(() => Reading) readings!: Set<Reading>;
    }
    class WithMap {
      @Type(() => Reading) byDay!: Map<string, Reading>;
    }
    for (const cls of [WithSet, WithMap]) expect(instantiateQuickly(cls as new () => object, { readings: [{ value: 1 }], byDay: { monday: { value: 1 } } })).toBeUndefined();
    for (const cls of [WithTransform, WithExpose, WithExclude, WithDefault, WithAccessor, WithBuiltIn]) {
      expect(instantiateQuickly(cls as new () => object, { name: ' a ', full_name: 'b', secret: 'c', kind: 'd', upper: 'e', at: '2026-01-01' })).toBeUndefined();
    }
    expect(instantiateQuickly(Visit, [visit])).toBeUndefined();
    expect(instantiateQuickly(Visit, { ...visit, vitals: new Date() })).toBeUndefined();
    expect(instantiateQuickly(Visit, 'text')).toBeUndefined();
  });
});

describe('copyPlainQuickly', () => {
  const samples: [string, unknown][] = [['a screening', SCREENING_SAMPLE], ['a SubjectScreened payload', SUBJECT_SCREENED_SAMPLE], ['an envelope', ENVELOPE_SAMPLE], ['a visit', visit]];

  it.each(samples)('copies what instanceToPlain copies (%s, each value varied, undefined values too)', (_, sample) => {
    let covered = 0;
    for (const variant of [...variantsOf(sample), { ...(sample as object), gone: undefined }]) {
      const quick = copyPlainQuickly(variant);
      if (quick === undefined && variant !== undefined) continue;
      covered++;
      const expected = instanceToPlain(variant);
      expect(quick).toStrictEqual(expected);
      expect(Object.keys(quick ?? {})).toEqual(Object.keys(expected ?? {}));
      expectSamePrototypes(quick, expected);
      if (quick && typeof quick === 'object') expect(quick).not.toBe(variant);
    }
    expect(covered).toBeGreaterThan(variantsOf(sample).length / 2);
  });

  it('leaves to class-transformer class instances, dates and functions', () => {
    expect(copyPlainQuickly(plainToInstance(Visit, visit))).toBeUndefined();
    expect(copyPlainQuickly({ at: new Date() })).toBeUndefined();
    expect(copyPlainQuickly({ list: [{ f: () => 1 }] })).toBeUndefined();
  });
});
