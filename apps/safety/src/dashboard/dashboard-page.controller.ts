import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Get, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@trialstream/platform';

/** The page's files (copied beside the compiled code by the build) and how each is served. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard-format.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

const serve = async (name: string) => new StreamableFile(await readFile(join(__dirname, 'page', name)), { type: FILES[name] });

/**
 * The safety-monitor dashboard: a page with no data in it, public so a browser can load it. Every
 * figure it shows comes from the API with the bearer token its user pastes in.
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardPageController {
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The safety-monitor dashboard (HTML). It holds no data: it asks for a token and reads the API with it.' })
  page() {
    return serve('index.html');
  }

  @Public()
  @Get(':file')
  @ApiOkResponse({ description: "The dashboard's scripts or style sheet." })
  @ApiNotFoundResponse({ description: 'Not one of its files.' })
  asset(@Param('file') file: string) {
    if (!Object.hasOwn(FILES, file)) throw new NotFoundException(`dashboard file ${file} was not found`);
    return serve(file);
  }
}
