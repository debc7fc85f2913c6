import { afterEach, describe, expect, it } from 'vitest';
import { parsed, testApi, testBundle } from '../../test-support/bundles.js';
import { openDatabase, type Db } from '../stores/database.js';
import { DeploymentStore } from '../stores/deployment-store.js';
import { DeploymentControl, type ControlEdit } from './control.js';

let db: Db | null = null;
let control: DeploymentControl | null = null;
afterEach(() => {
  control?.close();
  db?.close();
});

function start(): { control: DeploymentControl; edits: ControlEdit[] } {
  db = openDatabase(null);
  const edits: ControlEdit[] = [];
  control = new DeploymentControl({
    store: new DeploymentStore(db, () => 0),
    immutable: false,
    compile: {},
    onEdit: (edit) => edits.push(edit),
  });
  control.deploy(parsed(testBundle([testApi('http://127.0.0.1:9')])));
  return { control, edits };
}

describe('DeploymentControl edits', () => {
  it('reports every admin edit made on this node', () => {
    const { control, edits } = start();
    const entry = control.addDenylist({ id: 'd1', type: 'IP', value: '10.0.0.1', enabled: true });
    control.patchDenylist('d1', { enabled: false });
    control.deleteDenylist('d1');
    control.patchSubscription('sub-1-svc', { plan: 'Bronze' });
    expect(edits).toEqual([
      { type: 'denylist.add', entry },
      { type: 'denylist.patch', id: 'd1', enabled: false },
      { type: 'denylist.delete', id: 'd1' },
      { type: 'subscription.patch', id: 'sub-1-svc', plan: 'Bronze', status: undefined },
    ]);
  });

  it('replays edits from other nodes without reporting them, forgivingly', () => {
    const { control, edits } = start();
    const entry = { id: 'd1', type: 'USER' as const, value: 'mallory', enabled: true };
    expect(control.applyEdit({ type: 'denylist.add', entry })).toBe(true);
    expect(control.applyEdit({ type: 'denylist.add', entry: { ...entry, value: 'eve' } })).toBe(
      true,
    );
    expect(control.listDenylist()).toEqual([{ ...entry, value: 'eve' }]);
    expect(control.applyEdit({ type: 'denylist.patch', id: 'd1', enabled: false })).toBe(true);
    expect(control.listDenylist({ enabled: false })).toHaveLength(1);
    expect(control.current()?.denylist.users.size).toBe(0);
    expect(control.applyEdit({ type: 'denylist.patch', id: 'ghost', enabled: false })).toBe(false);
    expect(control.applyEdit({ type: 'denylist.delete', id: 'd1' })).toBe(true);
    expect(control.applyEdit({ type: 'denylist.delete', id: 'd1' })).toBe(false);
    expect(
      control.applyEdit({ type: 'subscription.patch', id: 'sub-1-svc', status: 'ON_HOLD' }),
    ).toBe(true);
    expect(control.current()?.subscriptions.find('app-1', 'svc')).toMatchObject({
      plan: 'Gold',
      status: 'ON_HOLD',
    });
    expect(control.applyEdit({ type: 'subscription.patch', id: 'nope', plan: 'Gold' })).toBe(false);
    expect(() =>
      control.applyEdit({ type: 'subscription.patch', id: 'sub-1-svc', plan: 'Platinum' }),
    ).toThrow(/plan/);
    expect(edits).toEqual([]);
  });
});
