import type { INestApplication, LogLevel, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KafkaEventTransport } from '../messaging/event-transport';
import type { ServiceEnv } from '../config/service-env';
import { JsonLogger } from '../logging/json-logger';
import { correlationMiddleware } from './correlation.middleware';
import { withValidationSchemas } from './openapi';
import { RuleViolationFilter } from './rule-violation.filter';
import { requestValidationPipe } from './validation';

export interface ServiceDescription {
  service: string;
  title: string;
  description: string;
}

/** Correlation ids, request validation, rule-violation answers and OpenAPI at /docs. */
export function configureHttp(app: INestApplication, about: ServiceDescription): void {
  app.use(correlationMiddleware);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new RuleViolationFilter());
  const openApi = new DocumentBuilder().setTitle(about.title).setDescription(about.description).setVersion('1').build();
  SwaggerModule.setup('docs', app, () => withValidationSchemas(SwaggerModule.createDocument(app, openApi)));
}

/** Boots a service: JSON logs, its event handlers on the Kafka transport, request validation, correlation ids, OpenAPI at /docs, graceful shutdown. */
export async function runService(appModule: Type<unknown>, about: ServiceDescription): Promise<void> {
  const logger = new JsonLogger(about.service, (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'log');
  try {
    await start(appModule, about, logger);
  } catch (error) {
    logger.fatal({ message: 'service failed to start', error: (error as Error).message }, (error as Error).stack, 'Bootstrap');
    process.exit(1);
  }
}

async function start(appModule: Type<unknown>, about: ServiceDescription, logger: JsonLogger) {
  const app = await NestFactory.create(appModule, { logger });
  app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  app.enableShutdownHooks();
  configureHttp(app, about);
  // Kafka is connected and topics exist (module init) before the transport subscribes.
  await app.init();
  await app.startAllMicroservices();

  const config: ConfigService<ServiceEnv, true> = app.get(ConfigService);
  await app.listen(config.get('HTTP_PORT', { infer: true }), config.get('HTTP_HOST', { infer: true }));
  logger.log({ message: 'listening', url: await app.getUrl(), docs: `${await app.getUrl()}/docs` }, 'Bootstrap');
}
