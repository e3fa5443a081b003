import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsInstant } from './dates';

/** The person or system whose authenticated request caused an event (the subject and role of their token). */
export class EventActor {
  @IsString()
  @Length(1, 256)
  subject: string;

  @IsString()
  @Matches(/^[a-z][a-z-]{0,31}$/, { message: 'role must be a role name such as site or safety-monitor' })
  role: string;
}

/**
 * The one envelope every event travels in. Subjects are pseudonymous ids: no names, birth dates or
 * other direct identifiers ever appear in an envelope or payload.
 */
export class EventEnvelope<P = unknown> {
  @IsUUID()
  eventId: string;

  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]+$/, { message: 'type must be a PascalCase event name' })
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsInstant()
  occurredAt: string;

  @IsString()
  @IsNotEmpty()
  producer: string;

  @IsString()
  @Length(1, 64)
  trialId: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  subjectId?: string;

  @IsString()
  @Length(1, 128)
  correlationId: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  causationId?: string;

  /** Present when a person's or system's request caused the event; events caused by events name only their producer. */
  @IsOptional()
  @ValidateNested()
  @Type(() => EventActor)
  actor?: EventActor;

  @IsObject()
  payload: P;
}
