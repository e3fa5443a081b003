import { ApiPropertyOptional } from '@nestjs/swagger';
import { isInstant } from '@trialstream/contracts';
import { IsNumber, IsOptional, Max, Min, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

// Enough to rehearse any trial's calendar; repeated jumps of that size stay well inside the dates JavaScript can hold.
const MAX_DAYS = 36_525;

const given = (value: unknown) => value !== undefined && value !== null;

@ValidatorConstraint({ name: 'durationOrTo' })
class DurationOrTo implements ValidatorConstraintInterface {
  validate(to: unknown, args: ValidationArguments): boolean {
    const { days, hours, minutes } = args.object as AdvanceClockRequest;
    return [days, hours, minutes].some(given) !== given(to);
  }

  defaultMessage(): string {
    return 'give days, hours and/or minutes to advance by, or to (the instant to advance to), not both';
  }
}

@ValidatorConstraint({ name: 'isDateTimeWithOffset' })
class DateTimeWithOffset implements ValidatorConstraintInterface {
  validate(to: unknown): boolean {
    return !given(to) || isInstant(to);
  }

  defaultMessage(): string {
    return 'to must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-10T08:00:00Z';
  }
}

/** How far to move the adjustable clock: a duration (its parts add up) or an instant. */
export class AdvanceClockRequest {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DAYS, example: 30 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MAX_DAYS)
  days?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DAYS * 24 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MAX_DAYS * 24)
  hours?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DAYS * 24 * 60 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MAX_DAYS * 24 * 60)
  minutes?: number;

  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-10T08:00:00Z', description: 'Instead of a duration: the instant to move to.' })
  @Validate(DurationOrTo) @Validate(DateTimeWithOffset)
  to?: string;
}

/** The duration the request asks for, in milliseconds. */
export function requestedMs({ days = 0, hours = 0, minutes = 0 }: AdvanceClockRequest): number {
  return ((days * 24 + hours) * 60 + minutes) * 60_000;
}
