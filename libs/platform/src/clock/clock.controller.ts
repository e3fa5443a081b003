import { Allow } from '../auth/access';
import { Body, ConflictException, Controller, ForbiddenException, Get, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdvanceClockRequest, requestedMs } from './advance-clock.request';
import { OperatorCommands } from '../audit/operator-commands';
import { AdjustableClock, Clock } from './clock';

export class ClockReading {
  @ApiProperty({ format: 'date-time' }) now: string;
  @ApiProperty({ description: 'How far the clock runs ahead of real time.' }) offsetMs: number;
  @ApiProperty({ description: 'Whether operators may advance it (CLOCK_ADJUSTABLE=true).' }) adjustable: boolean;
}

export class AdvancedClock {
  @ApiProperty({ format: 'date-time' }) now: string;
}

@ApiTags('operations')
@Allow('operations')
@Controller('operations/clock')
export class ClockController {
  private readonly logger = new Logger('Clock');

  constructor(
    private readonly clock: Clock,
    private readonly commands: OperatorCommands,
  ) {}

  @Get()
  @ApiOkResponse({ type: ClockReading, description: 'Now as this service sees it.' })
  read(): ClockReading {
    const clock = this.clock;
    const adjustable = clock instanceof AdjustableClock;
    return { now: clock.now().toISOString(), offsetMs: adjustable ? clock.offsetMs : 0, adjustable };
  }

  /** Rehearsals and tests: move this service's time forward; timers that fall due in the jump fire at once. */
  @Post('advance')
  @HttpCode(200)
  @ApiOkResponse({ type: AdvancedClock, description: 'The clock moved; the new now.' })
  @ApiBadRequestResponse({ description: 'Neither or both of a duration and `to`, a negative amount, or a malformed instant.' })
  @ApiForbiddenResponse({ description: 'The clock is fixed to real time.' })
  @ApiConflictResponse({ description: '`to` is before now: the clock only moves forward.' })
  advance(@Body() request: AdvanceClockRequest): Promise<AdvancedClock> {
    const clock = this.clock;
    if (!(clock instanceof AdjustableClock)) {
      throw new ForbiddenException('the clock is fixed to real time; only a service started with CLOCK_ADJUSTABLE=true can be advanced');
    }
    return this.commands.run('clock-advance', request, () => this.advanceAdjustable(clock, request));
  }

  private advanceAdjustable(clock: AdjustableClock, request: AdvanceClockRequest): AdvancedClock {
    let now: Date;
    try {
      now = request.to !== undefined ? clock.advanceTo(new Date(request.to)) : clock.advance(requestedMs(request));
    } catch (error) {
      if (error instanceof RangeError) throw new ConflictException(error.message);
      throw error;
    }
    this.logger.warn({ message: 'clock advanced', now: now.toISOString(), offsetMs: clock.offsetMs });
    return { now: now.toISOString() };
  }
}
