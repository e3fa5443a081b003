/** What a script can tell from trialctl's exit status. */
export const EXIT = {
  done: 0,
  /** Something unforeseen; the message says what. */
  failed: 1,
  /** The command line is wrong: an unknown command or option, a missing or bad value. */
  usage: 2,
  /** An event broke its contract (the field and rule are named); nothing was sent. */
  refusedByContract: 3,
  /** The broker or a service did not answer. */
  unreachable: 4,
  /** A service answered with an error: 401 (no or bad token), 403 (role or site), 404, 409...; or the broker refused the login or, by its ACLs, the request. */
  refusedByService: 5,
} as const;

export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  done',
  '  1  failed otherwise (the message says why)',
  '  2  usage error (command, option or value)',
  "  3  input refused by its event contract (field and rule named); nothing sent",
  '  4  broker or service unreachable',
  '  5  refused by a service (401, 403, 404 or another error status) or by the broker (its login or its ACLs)',
].join('\n');

/** A failure with the exit status it ends trialctl with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
