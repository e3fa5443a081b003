import 'reflect-metadata';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { IsInstant } from './dates';

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

  @IsObject()
  payload: P;
}
