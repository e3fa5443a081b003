import type { DosingRule } from '@trialstream/contracts';
import type { Deviation } from './deviation';

/** The dose to give and the whole numbers of cells within the protocol's tolerance of it. */
export interface DoseRange {
  cells: number;
  minCells: number;
  maxCells: number;
}

/**
 * cellsPerKg x body weight, rounded to whole cells, e.g. 1x10^6/kg x 64 kg = 6.4x10^7 cells; at
 * +/-10 % any dose from 5.76x10^7 to 7.04x10^7 cells inclusive. The bounds are worked out from the
 * percentage (x90/100, not x0.9), so binary fractions do not move a boundary by a cell.
 */
export function doseFor({ cellsPerKg, tolerancePercent }: DosingRule, bodyWeightKg: number): DoseRange {
  const cells = Math.round(cellsPerKg * bodyWeightKg);
  return {
    cells,
    minCells: Math.ceil((cells * (100 - tolerancePercent)) / 100),
    maxCells: Math.floor((cells * (100 + tolerancePercent)) / 100),
  };
}

export function doseDeviation(dosing: DosingRule, bodyWeightKg: number, cellsGiven: number): Deviation | undefined {
  const dose = doseFor(dosing, bodyWeightKg);
  if (cellsGiven >= dose.minCells && cellsGiven <= dose.maxCells) return undefined;
  return {
    kind: 'DOSE_OUTSIDE_TOLERANCE',
    rule: `${dosing.cellsPerKg} cells/kg x ${bodyWeightKg} kg = ${dose.cells} cells, within ${dosing.tolerancePercent} %`,
    observed: `${cellsGiven} cells`,
    allowed: `${dose.minCells} to ${dose.maxCells} cells`,
  };
}
