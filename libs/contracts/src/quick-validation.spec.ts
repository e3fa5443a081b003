import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { EventEnvelope } from './envelope';
import { ScreeningData } from './enrollment/screening';
import { SubjectScreenedPayload } from './enrollment/enrollment-events';
import { passesQuickly } from './quick-validation';
import { ENVELOPE_SAMPLE, SCREENING_SAMPLE, SUBJECT_SCREENED_SAMPLE, variants } from './varied-samples.fixture';

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

const visit = { visitId: 'V1', window: 3, status: 'DONE', doneOn: '2026-01-01', vitals: { pulse: 70 }, repeats: [{ pulse: 72 }], notes: ['calm'] };

const ODD_VALUES: unknown[] = [undefined, null, '', 'x', '2026-02-30', 0, -1, 1.5, 1e9, true, false, [], {}, [{}], [1], ['x'], { pulse: 'x' }];

const variantsOf = (sample: unknown) => variants(sample, ODD_VALUES, (value) => [{ ...value, unexpected: 1 }]);

describe('passesQuickly', () => {
  const cases: [string, new () => object, unknown][] = [
    ['ScreeningData', ScreeningData, SCREENING_SAMPLE],
    ['SubjectScreenedPayload', SubjectScreenedPayload, SUBJECT_SCREENED_SAMPLE],
    ['EventEnvelope', EventEnvelope, ENVELOPE_SAMPLE],
    ['a class with optional, conditional, required nested and each rules', Visit, visit],
    ['a class inheriting rules', FollowUpVisit, { ...visit, month: 3 }],
  ];

  it.each(cases)('never passes what class-validator refuses (%s, each value varied)', (_, cls, sample) => {
    for (const whitelist of [true, false]) {
      for (const variant of variantsOf(sample)) {
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
