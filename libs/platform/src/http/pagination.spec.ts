import { Controller, Get, Query, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ApiPageResponse, pageOf, PageQuery, pageWindow } from './pagination';
import { requestValidationPipe } from './validation';

const NUMBERS = Array.from({ length: 250 }, (_, i) => i);

@Controller('numbers')
class NumbersController {
  @Get()
  @ApiPageResponse('Numbers, smallest first.')
  list(@Query() page: PageQuery) {
    const { skip, take } = pageWindow(page);
    return pageOf([NUMBERS.slice(skip, skip + take), NUMBERS.length], page);
  }
}

describe('PageQuery behind the validation pipe', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [NumbersController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalPipes(requestValidationPipe());
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/numbers`;
  });
  afterAll(() => app.close());

  const get = async (query: string) => {
    const response = await fetch(`${url}${query}`);
    return { status: response.status, body: (await response.json()) as { items: number[]; total: number; message: string } };
  };

  it('answers the first 50 by default, with the total', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 250, limit: 50, offset: 0 });
    expect(body.items).toEqual(NUMBERS.slice(0, 50));
  });

  it('honours limit and offset, up to 200', async () => {
    expect((await get('?limit=3&offset=10')).body).toEqual({ items: [10, 11, 12], total: 250, limit: 3, offset: 10 });
    expect((await get('?limit=200&offset=100')).body.items).toEqual(NUMBERS.slice(100, 250));
  });

  it.each([
    ['?limit=201', 'limit: limit must not be greater than 200 [max]'],
    ['?limit=0', 'limit: limit must not be less than 1 [min]'],
    ['?limit=1.5', 'limit: limit must be an integer number [isInt]'],
    ['?offset=-1', 'offset: offset must not be less than 0 [min]'],
    ['?page=2', 'page: page is not a known field [unknownField]'],
  ])('refuses %s with 400 naming the field', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.message).toBe(message);
  });

  it('documents the query and the page shape in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/numbers'].get!;
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        { name: 'limit', in: 'query', required: false, description: expect.any(String), schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'offset', in: 'query', required: false, description: expect.any(String), schema: { type: 'integer', minimum: 0, default: 0 } },
      ]),
    );
    expect(operation.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { required: ['items', 'total', 'limit', 'offset'] } } },
    });
    expect(operation.responses).toHaveProperty('400');
  });
});
