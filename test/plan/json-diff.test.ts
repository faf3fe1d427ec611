/** The property diff a reviewer expands: paths with old and new values. */
import { jsonDiff, wholeValue } from '../../lib/plan/json-diff';

describe('jsonDiff', () => {
  test('equal values, whatever the key order, have no difference', () => {
    expect(jsonDiff({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  test('objects are compared key by key, arrays of the same length element by element', () => {
    expect(jsonDiff({ Tags: [{ Key: 'team', Value: 'web' }], Size: 1 }, { Tags: [{ Key: 'team', Value: 'data' }], Name: 'x' }, 'Properties')).toEqual([
      { path: 'Properties.Name', new: 'x' },
      { path: 'Properties.Size', old: 1 },
      { path: 'Properties.Tags[0].Value', old: 'web', new: 'data' },
    ]);
  });

  test('an array that grows is one changed value, not every element after the insertion', () => {
    expect(jsonDiff({ list: [1, 2] }, { list: [0, 1, 2] })).toEqual([{ path: 'list', old: [1, 2], new: [0, 1, 2] }]);
  });

  test('keys that are not identifiers are quoted', () => {
    expect(jsonDiff({ labels: { 'oaas.io/tenant': 'a' } }, { labels: { 'oaas.io/tenant': 'b' } })).toEqual([{ path: 'labels["oaas.io/tenant"]', old: 'a', new: 'b' }]);
  });

  test('wholeValue lists every top-level entry as added or removed', () => {
    expect(wholeValue({ b: 2, a: 1 }, 'new', 'Properties')).toEqual([{ path: 'Properties.a', new: 1 }, { path: 'Properties.b', new: 2 }]);
    expect(wholeValue(undefined, 'old')).toEqual([]);
  });
});
