import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/**
 * Rules across fields of a protocol, checked wherever the protocol is validated (by the registry
 * before it publishes, and by every consumer), so no service acts on a schedule that cannot run.
 */

interface NumberedDay {
  number: number;
  dayOffset: number;
}

@ValidatorConstraint({ name: 'infusionSchedule' })
export class InfusionScheduleRule implements ValidatorConstraintInterface {
  validate(infusions: unknown): boolean {
    if (!Array.isArray(infusions)) return true; // the type rules report it
    const sorted = [...(infusions as NumberedDay[])].sort((a, b) => a.number - b.number);
    return sorted.every((infusion, i) => infusion.number === i + 1 && (i === 0 || infusion.dayOffset > sorted[i - 1].dayOffset));
  }

  defaultMessage(): string {
    return 'infusions must be numbered 1..n without gaps or repeats, each later than the one before';
  }
}

@ValidatorConstraint({ name: 'notBelowField' })
export class NotBelowFieldRule implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const other = (args.object as Record<string, unknown>)[args.constraints[0]];
    return typeof value !== 'number' || typeof other !== 'number' || value >= other;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be below ${args.constraints[0]}`;
  }
}

@ValidatorConstraint({ name: 'risingVisitDays' })
export class RisingVisitDaysRule implements ValidatorConstraintInterface {
  validate(days: unknown, args: ValidationArguments): boolean {
    if (!Array.isArray(days)) return true;
    const duration = (args.object as { durationDays?: unknown }).durationDays;
    const rising = days.every((day, i) => i === 0 || day > days[i - 1]);
    return rising && (typeof duration !== 'number' || days.every((day) => day <= duration));
  }

  defaultMessage(): string {
    return 'visitDays must rise and stay within durationDays';
  }
}

@ValidatorConstraint({ name: 'assessmentAfterKnownInfusion' })
export class AssessmentTimepointsRule implements ValidatorConstraintInterface {
  validate(assessments: unknown, args: ValidationArguments): boolean {
    if (!Array.isArray(assessments)) return true;
    const infusions = (args.object as { infusions?: unknown }).infusions;
    const count = Array.isArray(infusions) ? infusions.length : 0;
    return assessments.every((a: { timepoint?: string; afterInfusion?: number }) =>
      a.timepoint === 'AFTER_INFUSION' ? typeof a.afterInfusion === 'number' && a.afterInfusion <= count : a.afterInfusion === undefined,
    );
  }

  defaultMessage(): string {
    return 'an AFTER_INFUSION assessment needs afterInfusion naming one of the planned infusions; a BASELINE one takes none';
  }
}
