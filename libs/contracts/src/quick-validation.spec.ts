import { randomUUID } from 'node:crypto';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { EventEnvelope } from './envelope';
import { ScreeningData } from './enrollment/screening';
import { SubjectScreenedPayload } from './enrollment/enrollment-events';
import { passesQuickly } from './quick-validation';

class Vitals {
  @IsInt() @Min(0) pulse!: number;
}

class Visit {
  @IsString() visitId!: string;
  @IsOptional() @IsInt() window?: number;
  @IsIn(['SCHEDULED', 'DONE']) status!: string;
  @ValidateIf((visit: Visit) => visit.status === 'DONE') @IsString() doneOn?: string;
  @IsDefined() @ValidateNested() @Type(() => Vitals) vitals!: Vitals;
  @IsOptional() @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => Vitals) repeats?: Vitals[];
  @IsOptional() @IsString({ each: true }) notes?: string[];
}

class FollowUpVisit extends Visit {
  @IsInt() @Min(1) month!: number;
}

const screening = {
  subjectId: 'S-001', siteId: 'BJ-01', ageAtBaseline: 42, sex: 'FEMALE', baselineDate: '2015-06-01', baselinePasi: 14.2,
  pasiComponents: [{ region: 'HEAD', erythema: 2, induration: 1, desquamation: 1, area: 2 }],
  baselineDlqi: 12, bodyWeightKg: 64, priorTherapies: [{ kind: 'SYSTEMIC', name: 'methotrexate', lastDoseDate: '2015-04-01' }],
  testResults: [{ test: 'HBV', result: 'NEGATIVE', date: '2015-05-28' }], exclusionAnswers: [{ criterionId: 'EX-PREGNANCY', present: false }],
};
const screened = {
  subjectId: 'S-001', siteId: 'BJ-01', protocolVersion: 1, eligible: true,
  ruleResults: [{ ruleId: 'AGE', description: 'aged 18-65', observed: '42', outcome: 'PASS' }],
};
const envelope = {
  eventId: randomUUID(), type: 'SubjectScreened', version: 1, occurredAt: '2026-11-26T05:00:00.000Z', producer: 'enrollment',
  trialId: 'NCT02491658', subjectId: 'S-001', correlationId: randomUUID(), payload: screened,
};
const visit = { visitId: 'V1', window: 3, status: 'DONE', doneOn: '2026-01-01', vitals: { pulse: 70 }, repeats: [{ pulse: 72 }], notes: ['calm'] };

const ODD_VALUES: unknown[] = [undefined, null, '', 'x', '2026-02-30', 0, -1, 1.5, 1e9, true, false, [], {}, [{}], [1], ['x'], { pulse: 'x' }];

/** The sample itself, and every copy with one value somewhere replaced by an odd one or an unknown field added. */
function variants(sample: unknown): unknown[] {
  const out: unknown[] = [sample];
  const visit = (value: unknown, replace: (next: unknown) => unknown) => {
    for (const odd of ODD_VALUES) out.push(replace(odd));
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, (next) => replace(value.map((x, j) => (j === i ? next : x)))));
    else if (value && typeof value === 'object') {
      out.push(replace({ ...value, unexpected: 1 }));
      for (const key of Object.keys(value)) {
        visit((value as Record<string, unknown>)[key], (next) => {
          const copy: Record<string, unknown> = { ...(value as object) };
          if (next === undefined) delete copy[key];
          else copy[key] = next;
          return replace(copy);
        });
      }
    }
  };
  visit(sample, (next) => next);
  return out;
}

describe('passesQuickly', () => {
  const cases: [string, new () => object, unknown][] = [
    ['ScreeningData', ScreeningData, screening],
    ['SubjectScreenedPayload', SubjectScreenedPayload, screened],
    ['EventEnvelope', EventEnvelope, envelope],
    ['a class with optional, conditional, required nested and each rules', Visit, visit],
    ['a class inheriting rules', FollowUpVisit, { ...visit, month: 3 }],
  ];

  it.each(cases)('never passes what class-validator refuses (%s, each value varied)', (_, cls, sample) => {
    for (const whitelist of [true, false]) {
      for (const variant of variants(sample)) {
        // As validatePlain reads it: an absent document is an empty one.
        const quick = passesQuickly(plainToInstance(cls, variant ?? {}), whitelist);
        const errors = validateSync(plainToInstance(cls, variant ?? {}), { whitelist, forbidNonWhitelisted: whitelist, forbidUnknownValues: true });
        if (quick) expect({ variant, errors }).toEqual({ variant, errors: [] });
      }
    }
  });

  it.each(cases)('passes a valid %s without class-validator', (_, cls, sample) => {
    expect(passesQuickly(plainToInstance(cls, sample as object), true)).toBe(true);
  });

  it('leaves to class-validator an object of a class without rules, and a field to strip', () => {
    expect(passesQuickly({ anything: 1 }, false)).toBe(false);
    expect(passesQuickly(plainToInstance(Visit, { ...visit, unexpected: 1 }), true)).toBe(false);
    expect(passesQuickly(plainToInstance(Visit, { ...visit, unexpected: 1 }), false)).toBe(true);
  });
});
