import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { STOP_SIGNALS } from './shutdown-limit';

/**
 * Whether the service has been told to stop (its first stop signal), from the moment it comes,
 * while its shutdown hooks still run: readiness reports it, so an orchestrator or load balancer
 * sends no new work, and HTTP answers close their connections.
 */
@Injectable()
export class StopSignal implements OnApplicationShutdown {
  private received?: NodeJS.Signals;
  private readonly listener = (signal: NodeJS.Signals) => {
    this.received ??= signal;
    this.stopListening();
  };

  /**
   * Called once Nest listens for the signals too (bootstrap.ts): a listener of its own before that
   * would stop a signal during start-up from ending the process, as Node does when none listens.
   */
  listen(): void {
    for (const signal of STOP_SIGNALS) process.on(signal, this.listener);
  }

  get stopping(): boolean {
    return this.received !== undefined;
  }

  /** An app closed without a signal (a test) leaves no listener behind. */
  onApplicationShutdown(): void {
    this.stopListening();
  }

  private stopListening() {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, this.listener);
  }
}

/**
 * Node's `server.close()`, the last step of Nest's stop, ends only the connections idle at that
 * moment and waits for the others; a keep-alive client that sends its next request sooner than the
 * keep-alive timeout (a dashboard reconnecting its alert stream) never leaves one idle, and the stop
 * runs into its limit. Once stopping, answers say `Connection: close`, so each connection ends
 * after the request in hand: requests in flight are answered, not cut off. (An alert stream's
 * answer says keep-alive whatever is set here, Nest's SSE writes its own; while stopping it ends
 * at once, and its connection, idle then, is closed with the server.)
 */
export function closeConnectionsWhenStopping(stop: StopSignal) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (stop.stopping) res.setHeader('connection', 'close');
    next();
  };
}
