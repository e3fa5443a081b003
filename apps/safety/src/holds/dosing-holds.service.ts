import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { DosingHoldLifted, DosingHoldPlaced, type HoldScope, type StoppingRule } from '@trialstream/contracts';
import { type Actor, Clock, foundOr404, Outbox } from '@trialstream/platform';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { TriggeredRule } from '../domain/alerts';
import { assertCanLift, assertCanPlace, holdForRule, liftingRole } from '../domain/dosing-holds';
import { DosingHold } from '../persistence/dosing-hold.entity';
import { KnownSubject } from '../persistence/known-subject.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import type { LiftHoldRequest, PlaceHoldRequest } from './requests';

interface NewHold {
  scope: HoldScope;
  subjectId?: string;
  reason: string;
  ruleId?: string;
  caseId?: string;
  placedBy: string;
}

/** Who places a hold when a stopping rule does. */
const RULE_PLACED_BY = 'safety service (stopping rule)';

/**
 * Dosing holds: placed by a triggered stopping rule or by a person, lifted only by a person. Each
 * change and its event (consumed by infusion tracking, and by the registry for a trial-wide hold)
 * commit together.
 */
@Injectable()
export class DosingHolds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** The holds the triggered rules call for, placed unless one is in place already. */
  async applyRules(tx: EntityManager, trialId: string, rules: readonly StoppingRule[], subject: KnownSubject, caseId: string): Promise<TriggeredRule[]> {
    const applied: TriggeredRule[] = [];
    for (const rule of rules) {
      const decision = holdForRule(rule, subject.subjectId, caseId, await this.inPlace(tx, trialId), subject.withdrawalDate !== null);
      if (decision.action === 'PLACE') {
        const hold = await this.place(tx, trialId, { scope: decision.scope, subjectId: decision.subjectId, reason: decision.reason, ruleId: rule.id, caseId, placedBy: RULE_PLACED_BY });
        applied.push({ rule, decision, holdId: hold.holdId });
      } else {
        applied.push({ rule, decision, ...(decision.action === 'ALREADY_HELD' ? { holdId: decision.holdId } : {}) });
      }
    }
    return applied;
  }

  /** A person's hold; under the trial's safety lock, like a rule's. */
  placeByPerson(trialId: string, request: PlaceHoldRequest & { placedBy: string }): Promise<DosingHold> {
    return this.dataSource.transaction(async (tx) => {
      await safetyPolicyOr404(tx, trialId, 'pessimistic_write');
      if (request.subjectId) foundOr404(await tx.getRepository(KnownSubject).findOneBy({ trialId, subjectId: request.subjectId }), `subject ${request.subjectId} of trial ${trialId}`);
      assertCanPlace(request.scope, request.subjectId, await this.inPlace(tx, trialId));
      return this.place(tx, trialId, request);
    });
  }

  lift(trialId: string, holdId: string, request: LiftHoldRequest, actor: Actor): Promise<DosingHold> {
    return this.dataSource.transaction(async (tx) => {
      const holds = tx.getRepository(DosingHold);
      const hold = foundOr404(await holds.findOne({ where: { trialId, holdId }, lock: { mode: 'pessimistic_write' } }), `dosing hold ${holdId} of trial ${trialId}`);
      assertCanLift(hold);
      const lifter = liftingRole(hold.scope);
      if (lifter && actor.role !== lifter) throw new ForbiddenException(`only the ${lifter} role lifts a ${hold.scope} hold`);
      const liftedAt = this.clock.now();
      const lifted = await holds.save({ ...hold, liftedAt, liftedBy: actor.subject, liftReason: request.reason });
      await this.outbox.enqueue(tx, DosingHoldLifted, {
        trialId,
        ...(hold.subjectId ? { subjectId: hold.subjectId } : {}),
        payload: {
          holdId,
          scope: hold.scope,
          ...(hold.subjectId ? { subjectId: hold.subjectId } : {}),
          reason: request.reason,
          liftedAt: liftedAt.toISOString(),
          liftedBy: actor.subject,
        },
      });
      return lifted;
    });
  }

  private inPlace(tx: EntityManager, trialId: string): Promise<DosingHold[]> {
    return tx.getRepository(DosingHold).findBy({ trialId, liftedAt: IsNull() });
  }

  private async place(tx: EntityManager, trialId: string, hold: NewHold): Promise<DosingHold> {
    const record = await tx.getRepository(DosingHold).save({
      holdId: randomUUID(),
      trialId,
      scope: hold.scope,
      subjectId: hold.subjectId ?? null,
      reason: hold.reason,
      ruleId: hold.ruleId ?? null,
      caseId: hold.caseId ?? null,
      placedAt: this.clock.now(),
      placedBy: hold.placedBy,
      liftedAt: null,
      liftedBy: null,
      liftReason: null,
    });
    await this.outbox.enqueue(tx, DosingHoldPlaced, {
      trialId,
      ...(hold.subjectId ? { subjectId: hold.subjectId } : {}),
      payload: {
        holdId: record.holdId,
        scope: hold.scope,
        ...(hold.subjectId ? { subjectId: hold.subjectId } : {}),
        reason: hold.reason,
        ...(hold.ruleId ? { ruleId: hold.ruleId } : {}),
        ...(hold.caseId ? { caseId: hold.caseId } : {}),
        placedAt: record.placedAt.toISOString(),
        placedBy: hold.placedBy,
      },
    });
    return record;
  }
}
