// Unit tests of the endpoint precedence for a profile chosen in settings (env, services section, endpoint_url).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configuredEndpoint } from '../../server/src/core/aws/endpoints';

const config = {
  p: { services: 'mine', endpoint_url: 'http://127.0.0.1:3' },
  'services.mine': { 'lambda.endpoint_url': 'http://127.0.0.1:1', 'cognito_identity_provider.endpoint_url': 'http://127.0.0.1:2' },
  plain: { endpoint_url: 'http://127.0.0.1:4' },
};

describe('configuredEndpoint', () => {
  it('follows the AWS precedence', () => {
    assert.equal(configuredEndpoint('Lambda', {}, 'p', config), 'http://127.0.0.1:1');
    assert.equal(configuredEndpoint('Cognito Identity Provider', {}, 'p', config), 'http://127.0.0.1:2');
    assert.equal(configuredEndpoint('Cognito Sync', {}, 'p', config), 'http://127.0.0.1:3');
    assert.equal(configuredEndpoint('Cognito Sync', {}, 'plain', config), 'http://127.0.0.1:4');
    assert.equal(configuredEndpoint('Cognito Sync', {}, 'missing', config), undefined);
    assert.equal(configuredEndpoint('Lambda', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5' }, 'p', config), 'http://127.0.0.1:5');
    assert.equal(configuredEndpoint('Cognito Identity Provider', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:6' }, 'p', config), 'http://127.0.0.1:6');
    assert.equal(configuredEndpoint('Lambda', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://x' }, 'p', config), undefined);
  });
});
