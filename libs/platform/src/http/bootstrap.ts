import { Logger as NestLogger, type INestApplication, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { bearerTokenOf, TokenRefused, TokenVerifier } from '../auth/token-verifier';
import { KafkaEventTransport } from '../messaging/event-transport';
import type { ServiceEnv } from '../config/service-env';
import { loggerParams } from '../logging/logger-options';
import { correlationMiddleware } from './correlation.middleware';
import { withValidationSchemas } from './openapi';
import { RuleViolationFilter } from './rule-violation.filter';
import { BodyDepthPipe, configureRequestBodies } from './request-bodies';
import { limitShutdown } from './shutdown-limit';
import { closeConnectionsWhenStopping, StopSignal } from './stop-signal';
import { requestValidationPipe } from './validation';

export interface ServiceDescription {
  service: string;
  title: string;
  description: string;
}

/** Correlation ids, JSON bodies within limits, request validation, rule-violation answers and OpenAPI at /docs. */
export function configureHttp(app: INestApplication, about: ServiceDescription): void {
  app.use(correlationMiddleware);
  configureRequestBodies(app as NestExpressApplication);
  app.useGlobalPipes(new BodyDepthPipe(), requestValidationPipe());
  app.useGlobalFilters(new RuleViolationFilter());
  const config: ConfigService<ServiceEnv, true> = app.get(ConfigService);
  if (!config.get('AUTH_PUBLIC_DOCS', { infer: true })) app.use(['/docs', '/docs-json'], docsNeedAToken(app.get(TokenVerifier)));
  SwaggerModule.setup('docs', app, () => openApiDocument(app, about));
}

/** With AUTH_PUBLIC_DOCS=false, the API documents are for holders of a valid token of any role. */
function docsNeedAToken(verifier: TokenVerifier) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerTokenOf(req.header('authorization'));
    const refuse = (message: string) => res.status(401).json({ statusCode: 401, error: 'Unauthorized', message });
    if (!token) return void refuse('a bearer token is required');
    verifier.verify(token).then(() => next(), (error: Error) => refuse(error instanceof TokenRefused ? error.message : 'the token was not accepted'));
  };
}

/** The OpenAPI document served at /docs-json: Swagger's routes, request bodies described by their validation rules. */
export function openApiDocument(app: INestApplication, about: ServiceDescription): OpenAPIObject {
  const openApi = new DocumentBuilder().setTitle(about.title).setDescription(about.description).setVersion('1').build();
  return withValidationSchemas(SwaggerModule.createDocument(app, openApi));
}

/**
 * A service's OpenAPI document without a database or broker: Nest's preview mode registers the
 * routes but instantiates no provider, so tests and tools can check what /docs-json will serve.
 */
export async function previewOpenApiDocument(appModule: Type<unknown>, about: ServiceDescription): Promise<OpenAPIObject> {
  const app = await NestFactory.create(appModule, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, about);
  } finally {
    await app.close();
  }
}

/** Boots a service: JSON logs, its event handlers on the Kafka transport, request validation, correlation ids, OpenAPI at /docs, graceful shutdown. */
export async function runService(appModule: Type<unknown>, about: ServiceDescription): Promise<void> {
  const logger = new NestLogger('Bootstrap');
  let logging = false;
  try {
    // Nest's lines wait in a buffer for the app's logger; a failure is thrown here rather than exiting.
    const app = await NestFactory.create(appModule, { bufferLogs: true, autoFlushLogs: false, abortOnError: false });
    app.useLogger(app.get(Logger));
    app.flushLogs();
    logging = true;
    await start(app, about, logger);
  } catch (error) {
    // No app logger yet (bad config, say): one configured from the environment takes the buffered lines.
    if (!logging) NestLogger.overrideLogger(new Logger(new PinoLogger(loggerParams(about.service, process.env.LOG_LEVEL)), {}));
    NestLogger.flush();
    logger.fatal({ message: 'service failed to start', error: (error as Error).message, stack: (error as Error).stack });
    process.exit(1);
  }
}

async function start(app: INestApplication, about: ServiceDescription, logger: NestLogger) {
  const config: ConfigService<ServiceEnv, true> = app.get(ConfigService);
  app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  // Once every hook has run, exit 0: a signal raised again would do nothing to PID 1 in a container
  // (and limitShutdown would take it for a second stop signal).
  app.enableShutdownHooks([], { useProcessExit: true });
  limitShutdown(config.get('SHUTDOWN_TIMEOUT_MS', { infer: true }), logger);
  const stop = app.get(StopSignal);
  stop.listen();
  app.use(closeConnectionsWhenStopping(stop));
  configureHttp(app, about);
  // Kafka is connected and topics exist (module init) before the transport subscribes.
  await app.init();
  await app.startAllMicroservices();

  await app.listen(config.get('HTTP_PORT', { infer: true }), config.get('HTTP_HOST', { infer: true }));
  logger.log({ message: 'listening', url: await app.getUrl(), docs: `${await app.getUrl()}/docs` });
}

