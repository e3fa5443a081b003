import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/access';
import { ApiPageResponse, PageQuery, pageOf, type Page } from '../http/pagination';

/** Who made a change. */
export class AuditActor {
  @ApiProperty({ description: "The token's subject, or the service whose event or timer caused the change." }) subject: string;
  @ApiProperty({ example: 'data-manager', description: "The token's role, or `service`." }) role: string;
}

/** One change to one row of this service's database: who, when, what, the values before and after, why. */
export class AuditRecordView {
  @ApiProperty({ type: 'integer', description: "Its place in this service's chain: 1, 2, 3 and so on, with no gaps across the service." }) sequence: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: AuditActor, nullable: true, description: 'Null when the change was made outside any request, event or timer.' }) actor: AuditActor | null;
  @ApiProperty({ example: 'subject', description: 'The table of the row changed.' }) entity: string;
  @ApiProperty({ example: 'NCT02491658/S-001', description: "The row's key, its columns joined by `/`." }) entityId: string;
  @ApiProperty({ example: 'enrolled', description: 'created, updated or deleted, or the domain verb the change amounts to.' }) action: string;
  @ApiProperty({ nullable: true, type: String }) trialId: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The whole row before the change (null when created).' }) before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The whole row after the change (null when deleted).' }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason the change gave, where it needs one.' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ description: "sha256 of the record and the previous record's hash (`npm run audit:verify` checks the chain)." }) hash: string;
}

interface AuditRow {
  sequence: string;
  recorded_at: Date;
  actor_subject: string | null;
  actor_role: string | null;
  entity: string;
  entity_id: string;
  action: string;
  trial_id: string | null;
  subject_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  correlation_id: string | null;
  hash: string;
}

/** The audit trail of a trial or one of its subjects, as this service recorded it: every service answers for its own changes. */
@ApiTags('audit')
@Controller('trials/:trialId')
@Allow('data-manager', 'safety-monitor')
export class AuditTrailController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('audit-trail')
  @ApiPageResponse("This service's changes to the trial and its subjects, oldest first.", AuditRecordView)
  trial(@Param('trialId') trialId: string, @Query() page: PageQuery): Promise<Page<AuditRecordView>> {
    return this.page('trial_id = $1', [trialId], page);
  }

  @Get('subjects/:subjectId/audit-trail')
  @ApiPageResponse("This service's changes to the subject, oldest first.", AuditRecordView)
  subject(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Query() page: PageQuery): Promise<Page<AuditRecordView>> {
    return this.page('trial_id = $1 AND subject_id = $2', [trialId, subjectId], page);
  }

  private async page(where: string, params: string[], page: PageQuery): Promise<Page<AuditRecordView>> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_record WHERE ${where}`, params);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT sequence, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id, hash
         FROM audit_record WHERE ${where} ORDER BY sequence LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return pageOf([rows.map(view), total], page);
  }
}

function view(row: AuditRow): AuditRecordView {
  return {
    sequence: Number(row.sequence),
    recordedAt: row.recorded_at.toISOString(),
    actor: row.actor_subject && row.actor_role ? { subject: row.actor_subject, role: row.actor_role } : null,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    trialId: row.trial_id,
    subjectId: row.subject_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
    correlationId: row.correlation_id,
    hash: row.hash,
  };
}
