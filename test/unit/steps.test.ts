// Unit tests of the pickers' step counters ("Bind Trigger (2/4): user pool").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Steps } from '../../client/src/steps';

describe('Steps', () => {
  it('counts the steps asked, growing and shrinking with the answers', () => {
    const s = new Steps('Bind Trigger', 4);
    assert.equal(s.next('user pool or identity pool?'), 'Bind Trigger (1/4): user pool or identity pool?');
    assert.equal(s.next('user pool'), 'Bind Trigger (2/4): user pool');
    s.add();
    assert.equal(s.next('trigger slot'), 'Bind Trigger (3/5): trigger slot');
    assert.equal(s.next('event version'), 'Bind Trigger (4/5): event version');
    assert.equal(s.next('function'), 'Bind Trigger (5/5): function');
  });
  it('drops a step that will not be asked, and never counts fewer than asked', () => {
    const s = new Steps('Unbind Trigger', 3);
    s.next('kind');
    s.skip();
    assert.equal(s.next('identity pool'), 'Unbind Trigger (2/2): identity pool');
    s.skip(5);
    assert.equal(s.next('extra'), 'Unbind Trigger (3/3): extra');
  });
  it('a one-step flow has no counter', () => {
    assert.equal(new Steps('Invoke Deployed Function', 1).next('event'), 'Invoke Deployed Function: event');
  });
});
