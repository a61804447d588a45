import { expect } from '@open-wc/testing';
import { Store } from '../../../engine/store/store.ts';
import { COMMAND_HISTORY_RECORD, commandHistory, HISTORY_MAX, recordCommand } from '../../../engine/lessons/command-history.ts';

describe('command history', () => {
  it('appends entries as typed, oldest first, in the history/commands record', () => {
    const store = new Store();
    expect(commandHistory(store)).to.deep.equal([]);
    recordCommand(store, 'kubectl get nodes');
    recordCommand(store, 'kubectl apply -f - <<EOF\nkind: Service\nEOF');
    expect(store.getRecord(COMMAND_HISTORY_RECORD)).to.deep.equal(['kubectl get nodes', 'kubectl apply -f - <<EOF\nkind: Service\nEOF']);
  });

  it(`keeps the last ${HISTORY_MAX} entries`, () => {
    const store = new Store();
    for (let i = 0; i < HISTORY_MAX + 3; i++) recordCommand(store, `echo ${i}`);
    const h = commandHistory(store);
    expect(h).to.have.length(HISTORY_MAX);
    expect(h[0]).to.equal('echo 3');
    expect(h[h.length - 1]).to.equal(`echo ${HISTORY_MAX + 2}`);
  });
});
