import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceInstance } from '@trialstream/testing';
import type { FaultPlatform, Service } from './platform';
import type { PhasePlan } from './traffic';

/**
 * The faults, one per phase of the stream, each injected while the phase's events are in flight.
 * A phase without `inject` is a fault of the traffic itself (copies, poison, reports ahead of
 * their subject), measured from the moment it was sent.
 */

export interface FaultContext {
  platform: FaultPlatform;
  /** Instances the run killed on purpose: their exit is not a crash. */
  killed: Set<ServiceInstance>;
  log: (line: string) => void;
}

export interface FaultPhase {
  /** Short a-z name, part of the subject ids of the phase. */
  name: string;
  fault: string;
  traffic: Omit<PhasePlan, 'tag' | 'trialId' | 'phase' | 'subjects' | 'adverseEventsOf' | 'infusionsOf'>;
  /** Subjects enrolled before the phase who report an adverse event in it. */
  adverseEvents?: number;
  /** Subjects with all six infusions reported in the phase: those enrolled so far and not infused yet, or this many enrolled first. */
  infusionsOf?: 'enrolled' | number;
  /** The phase's first subjects, whose adverse events are sent right behind their screening, then enrolled over HTTP. */
  reportsAheadOfEnrollment?: number;
  before?: (ctx: FaultContext) => Promise<void>;
  inject?: (ctx: FaultContext) => Promise<void>;
}

/** SIGKILL: the instance dies mid-batch, no shutdown hook runs; a supervisor restarts it. */
async function killAndRestart(ctx: FaultContext, instance: ServiceInstance): Promise<void> {
  ctx.killed.add(instance);
  await instance.kill();
  ctx.log(`  killed ${instance.app} (port ${instance.port}); restarting it`);
  await restartLikeASupervisor(ctx, instance);
}

/**
 * Starts a killed instance again, and again while it exits before it is ready (a service gives up
 * starting when the broker stays unreachable for its whole retry budget), as an orchestrator would.
 */
async function restartLikeASupervisor(ctx: FaultContext, instance: ServiceInstance, timeoutMs = 120_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      await instance.start(Math.max(1_000, deadline - Date.now()));
      ctx.killed.delete(instance);
      return;
    } catch (error) {
      if (!instance.exited || Date.now() > deadline) throw error;
      ctx.log(`  ${instance.app} exited while starting; starting it again in 1 s`);
      await sleep(1_000);
    }
  }
}

/** A second instance joins the first's consumer group (same database); it will be the survivor. */
async function addSecondInstance(ctx: FaultContext, service: Service): Promise<void> {
  const second = await ctx.platform.addInstance(service);
  ctx.log(`  second ${service} instance ready on port ${second.port}`);
  // The group rebalances onto both instances once the second joins; a few seconds here on loopback.
  await sleep(5_000);
}

/** The first instance is SIGKILLed and stays dead: the second must take its partitions over. */
async function killFirst(ctx: FaultContext, service: Service): Promise<void> {
  const first = ctx.platform.instance(service, 0);
  ctx.killed.add(first);
  await first.kill();
  ctx.log(`  killed ${service} instance 1 (port ${first.port}); instance 2 carries on alone`);
}

/**
 * SIGKILL between commit and publish: enrollment is frozen (SIGSTOP) the moment its outbox holds
 * committed rows not yet published, and killed while they still are; the restarted instance must
 * publish each of them once.
 */
async function killBetweenCommitAndPublish(ctx: FaultContext): Promise<void> {
  const instance = ctx.platform.live('enrollment');
  const pending = await ctx.platform.freezeWithUnpublished('enrollment', instance, 30_000);
  ctx.log(`  enrollment frozen with ${pending} committed outbox row(s) unpublished; SIGKILL`);
  await killAndRestart(ctx, instance);
}

/** Overlapping faults: the broker goes away, and enrollment is SIGKILLed while it is away. */
async function killDuringBrokerOutage(ctx: FaultContext): Promise<void> {
  const instance = ctx.platform.live('enrollment');
  await ctx.platform.brokerDown();
  ctx.killed.add(instance);
  await instance.kill();
  ctx.log(`  ${ctx.platform.brokerDownFault}; enrollment SIGKILLed meanwhile`);
  await sleep(3_000);
  await Promise.all([ctx.platform.brokerUp(), restartLikeASupervisor(ctx, instance)]);
}

export const FAULT_PHASES: FaultPhase[] = [
  { name: 'calm', fault: 'none (baseline)', traffic: { rescreenEvery: 20 } },
  {
    name: 'kill',
    fault: 'SIGKILL enrollment mid-batch',
    traffic: { rescreenEvery: 20 },
    inject: (ctx) => killAndRestart(ctx, ctx.platform.instance('enrollment')),
  },
  {
    name: 'broker',
    fault: 'broker stopped and started',
    traffic: { rescreenEvery: 20 },
    inject: async (ctx) => {
      ctx.log(`  ${ctx.platform.brokerFault}`);
      await ctx.platform.bounceBroker();
    },
  },
  {
    name: 'copies',
    fault: 'duplicated deliveries',
    traffic: { rescreenEvery: 20, resendEvery: 10 },
    adverseEvents: 8,
  },
  { name: 'poison', fault: 'poison and wrong-version messages', traffic: { rescreenEvery: 20, rejections: 12 } },
  {
    name: 'pair',
    fault: 'two enrollment instances, one SIGKILLed',
    traffic: { rescreenEvery: 20 },
    before: (ctx) => addSecondInstance(ctx, 'enrollment'),
    inject: (ctx) => killFirst(ctx, 'enrollment'),
  },
  { name: 'commit', fault: 'SIGKILL enrollment between commit and publish', traffic: { rescreenEvery: 20 }, inject: killBetweenCommitAndPublish },
  { name: 'overlap', fault: 'enrollment SIGKILLed while the broker is away', traffic: { rescreenEvery: 20 }, inject: killDuringBrokerOutage },
  {
    name: 'safety',
    fault: 'two safety instances, one SIGKILLed',
    traffic: { rescreenEvery: 20, reportsLate: true },
    adverseEvents: 10,
    before: (ctx) => addSecondInstance(ctx, 'safety'),
    inject: (ctx) => killFirst(ctx, 'safety'),
  },
  {
    // The registry reads no sponsor traffic; its survivor must close recruitment once when the
    // enrollment target is reached at the end of the run (the checker counts it).
    name: 'registry',
    fault: 'two registry instances, one SIGKILLed',
    traffic: { rescreenEvery: 20 },
    before: (ctx) => addSecondInstance(ctx, 'registry'),
    inject: (ctx) => killFirst(ctx, 'registry'),
  },
  {
    name: 'reorder',
    fault: 'reordered deliveries (infusions 2, 1, 4, 3, 5, 6)',
    traffic: { rescreenEvery: 20, reorderInfusions: true },
    infusionsOf: 4,
  },
  {
    name: 'infusions',
    fault: 'two infusion tracking instances, one SIGKILLed mid-batch',
    traffic: { rescreenEvery: 20 },
    infusionsOf: 'enrolled',
    before: (ctx) => addSecondInstance(ctx, 'infusion-tracking'),
    inject: (ctx) => killFirst(ctx, 'infusion-tracking'),
  },
];

/**
 * Adverse events ahead of their subject's enrollment: safety parks each report until SubjectEnrolled
 * arrives (on another topic, with the same key: parking holds a key back on its own topic only).
 */
export const AHEAD_OF_ENROLLMENT: FaultPhase = {
  name: 'ahead',
  fault: 'adverse events ahead of their enrollment',
  traffic: { rescreenEvery: 20 },
  reportsAheadOfEnrollment: 6,
};

/** PostgreSQL crashed mid-stream and started again (--postgres-restart: a server of the run's own). */
export const POSTGRES_CRASH: FaultPhase = {
  name: 'postgres',
  fault: 'PostgreSQL crashed and restarted',
  traffic: { rescreenEvery: 20 },
  inject: async (ctx) => {
    await ctx.platform.crashPostgres();
    ctx.log('  PostgreSQL crashed (immediate stop) and started again');
  },
};

/** A network partition (--cluster --netns): broker 2 of 3 cut off from the others and every client, then reconnected. */
export const NETWORK_PARTITION: FaultPhase = {
  name: 'partition',
  fault: 'broker 2 of 3 cut off by a network partition for 15 s',
  traffic: { rescreenEvery: 20 },
  inject: async (ctx) => {
    await ctx.platform.partitionBroker(15_000);
    ctx.log('  broker 2 of 3 cut off for 15 s, then reconnected');
  },
};
