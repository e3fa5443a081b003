import type { CommandModule } from 'yargs';
import { deadLettersCommand } from './dead-letters';
import { exportCommand } from './export';
import { publishCommand } from './publish';
import { simulateCommand } from './simulate';
import { tailCommand } from './tail';
import { timelineCommand } from './timeline';
import { tokenCommand } from './token';

/** Every trialctl command, one file each; a new command is its file and one line here. */
export const COMMANDS = [publishCommand, tailCommand, timelineCommand, deadLettersCommand, tokenCommand, simulateCommand, exportCommand] as CommandModule[];
