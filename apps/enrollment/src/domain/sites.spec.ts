import { RuleViolationError } from '@trialstream/contracts';
import { assertSiteOfTrial, siteTimeZone } from './sites';

const sites = [{ siteId: 'BJ-01', timeZone: 'Asia/Shanghai' }, { siteId: 'NY-01', timeZone: 'America/New_York' }];

describe('sites', () => {
  it("gives each site's time zone, and UTC when the protocol lists no sites", () => {
    expect(siteTimeZone(sites, 'BJ-01')).toBe('Asia/Shanghai');
    expect(siteTimeZone(sites, 'NY-01')).toBe('America/New_York');
    expect(siteTimeZone(null, 'ANY')).toBe('UTC');
    expect(siteTimeZone([], 'ANY')).toBe('UTC');
  });

  it('refuses a site the protocol does not list, naming the field and the rule', () => {
    expect(() => assertSiteOfTrial(sites, 'SH-02')).toThrow(RuleViolationError);
    expect(() => assertSiteOfTrial(sites, 'SH-02')).toThrow('site SH-02 is not a site of this trial (its sites: BJ-01, NY-01) [siteOfTrial]');
    expect(() => assertSiteOfTrial(null, 'SH-02')).not.toThrow();
  });
});
