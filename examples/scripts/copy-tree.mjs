// Copies a folder tree with files.copy, shows its progress, looks at the jobs it caused, replays the copy,
// and prints a one-line JSON summary.
//
//   causa script run examples/scripts/copy-tree.mjs <source-folder> <destination-folder>
//
// Type-check it against the installed actions:
//   causa types --out types && tsc --noEmit --allowJs --checkJs --strict --target es2022 --module es2022 \
//       --moduleDetection force types/causa.d.ts examples/scripts/copy-tree.mjs
import { shortId } from './lib/format.mjs';

const [source, destination] = causa.args;
if (!source || !destination) throw new Error('usage: copy-tree.mjs <source-folder> <destination-folder>');

const run = await causa.actions.run('files.copy', { sources: [source], destination, conflict: 'overwrite' });
console.log(`action ${shortId(run.actionId)} started by ${run.actionContext.initiated_by}: ${run.jobs.length} job(s)`);

let progressCalls = 0;
for (const job of run.jobs) {
  job.onProgress(event => {
    progressCalls++;
    console.log(`  ${shortId(job.id)} ${event.message ?? ''}`);
  });
}

const done = await run.done;
console.log(`action ${shortId(done.actionId)} ${done.status}`);

const copies = causa.jobs.list({ actionType: 'files.copy', limit: 100 });
const replay = await causa.actions.replay(run.actionId);
const replayed = await replay.done;

console.log(JSON.stringify({
  actionId: run.actionId,
  status: done.status,
  jobStates: done.jobs.map(job => job.state),
  actionContext: run.jobs[0].actionContext,
  listedByType: copies.map(job => job.id),
  progressCalls,
  replay: { actionId: replay.actionId, status: replayed.status, input: replay.actionContext.action_input },
}));
