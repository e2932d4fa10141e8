// Unit tests of the Region names shown beside the codes in the Region picker (from the AWS SDK's partition data).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_REGIONS, regionName } from '../../server/src/core/aws/profiles';

describe('regionName', () => {
  it('names the Regions as AWS does', () => {
    assert.equal(regionName('us-east-1'), 'US East (N. Virginia)');
    assert.equal(regionName('eu-central-1'), 'Europe (Frankfurt)');
    assert.equal(regionName('ap-northeast-1'), 'Asia Pacific (Tokyo)');
  });
  it('names every Region of the picker, and nothing for an unknown code', () => {
    assert.deepEqual(COMMON_REGIONS.filter((r) => !regionName(r)), []);
    assert.equal(regionName('xx-nowhere-9'), undefined);
  });
});
