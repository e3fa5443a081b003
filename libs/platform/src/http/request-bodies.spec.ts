import { BodyDepthPipe, depthOf, MAX_BODY_DEPTH } from './request-bodies';

/** An object `levels` deep: { a: { a: ... 'leaf' } }. */
const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { a: nested(levels - 1) });

describe('request body depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(depthOf('x')).toBe(0);
    expect(depthOf({})).toBe(1);
    expect(depthOf({ a: [1, { b: 2 }] })).toBe(3);
  });

  it(`takes a body ${MAX_BODY_DEPTH} levels deep and refuses one level more, naming the limit`, () => {
    const pipe = new BodyDepthPipe();
    expect(pipe.transform(nested(MAX_BODY_DEPTH), { type: 'body' })).toEqual(nested(MAX_BODY_DEPTH));
    expect(() => pipe.transform(nested(MAX_BODY_DEPTH + 1), { type: 'body' })).toThrow(`deeper than ${MAX_BODY_DEPTH} levels [maxDepth]`);
    expect(pipe.transform(nested(MAX_BODY_DEPTH + 1), { type: 'query' })).toBeDefined();
  });

  it('stops counting past the limit on a very deep body', () => {
    expect(depthOf(nested(5000))).toBe(MAX_BODY_DEPTH + 2);
  });
});
