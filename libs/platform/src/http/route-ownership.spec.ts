import { Controller, Get, Module, Post, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { duplicateRoutes, RouteOwnership } from './route-ownership';

@Controller('trials')
class KnownTrials {
  @Get(':trialId') get() { return 'known trial'; }
  @Get() list() { return []; }
}

@Controller('trials/:trialId/enrollment-policy')
class EnrollmentPolicy {
  @Get() get() { return 'policy'; }
}

@Controller('trials')
class Colliding {
  @Get(':trialId/') get() { return 'trial'; }
  @Post(':trialId') change() { return 'changed'; }
  /** Not a route: no method metadata. */
  helper() { return 'helper'; }
}

describe('duplicateRoutes', () => {
  it('finds none when each route has one owner, whatever the parameter names', () => {
    expect(duplicateRoutes([KnownTrials, EnrollmentPolicy])).toEqual([]);
  });

  it('names the route and both controllers when two declare it', () => {
    expect(duplicateRoutes([KnownTrials, EnrollmentPolicy, Colliding])).toEqual(['GET /trials/:param: KnownTrials.get, Colliding.get']);
  });
});

describe('RouteOwnership', () => {
  const boot = async (controllers: Type<unknown>[]) => {
    @Module({ imports: [DiscoveryModule], controllers, providers: [RouteOwnership] })
    class App {}
    const moduleRef = await Test.createTestingModule({ imports: [App] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      await app.init();
    } finally {
      await app.close();
    }
  };

  it('lets an app with one owner per route start', async () => {
    await expect(boot([KnownTrials, EnrollmentPolicy])).resolves.toBeUndefined();
  });

  it('stops an app in which two controllers declare the same route', async () => {
    await expect(boot([KnownTrials, Colliding])).rejects.toThrow('routes declared by more than one controller: GET /trials/:param: KnownTrials.get, Colliding.get');
  });
});
