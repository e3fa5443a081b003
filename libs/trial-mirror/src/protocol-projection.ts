import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';

export interface ProtocolProjection {
  trialId: string;
  protocolVersion: number;
}

/**
 * Saves a service's projection of a protocol version unless it already holds that version or a
 * later one, so a replayed or late older version never rolls a trial back.
 */
export async function saveIfNewerProtocol<T extends ProtocolProjection>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  projection: T,
): Promise<boolean> {
  const repository = tx.getRepository(entity);
  const current = await repository.findOne({
    where: { trialId: projection.trialId } as FindOptionsWhere<T>,
    lock: { mode: 'pessimistic_write' },
  });
  if (current && current.protocolVersion >= projection.protocolVersion) return false;
  await repository.save(projection);
  return true;
}
