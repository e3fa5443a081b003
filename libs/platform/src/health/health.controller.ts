import { Public } from '../auth/access';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { StopSignal } from '../http/stop-signal';
import { KafkaConnection } from '../messaging/kafka-connection';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly kafka: KafkaConnection,
    private readonly stop: StopSignal,
  ) {}

  /** Liveness: the process answers. Restart it when this fails. */
  @Get('health')
  @HealthCheck()
  liveness() {
    return this.health.check([]);
  }

  /** Readiness: not stopping, and its database and the Kafka cluster both answer. Route traffic only then. */
  @Get('ready')
  @HealthCheck()
  readiness() {
    return this.health.check([() => this.stopCheck(), () => this.database.pingCheck('database', { timeout: 2000 }), () => this.kafkaCheck()]);
  }

  private stopCheck() {
    const indicator = this.indicators.check('service');
    return this.stop.stopping ? indicator.down({ message: 'stopping' }) : indicator.up();
  }

  private async kafkaCheck() {
    const indicator = this.indicators.check('kafka');
    try {
      await this.kafka.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
