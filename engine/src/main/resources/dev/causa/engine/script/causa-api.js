// The script-facing API: builds the global `causa` and `console` over the host bridge. Evaluated once per
// context as an internal source (its frames never show in a script's stack trace). Every value handed to a
// script is a plain JS object parsed from JSON, so JSON.stringify works and no host object leaks out.
// Note: this file is filtered by Maven resources: never use dollar-brace or at-sign-delimited words here.
(function (bridge, args) {
  'use strict';

  // origin: an Error made where the script called, so that an asynchronous failure points at that line
  function fail(error, origin) {
    const e = new Error(error.message);
    e.code = error.code;
    if (origin && typeof origin.stack === 'string') {
      const frames = origin.stack.indexOf('\n');
      e.stack = 'Error: ' + error.message + (frames < 0 ? '' : origin.stack.substring(frames));
    }
    return e;
  }

  function call(fn, ...params) {
    const reply = JSON.parse(fn(...params));
    if (reply.error) throw fail(reply.error);
    return reply.ok;
  }

  // An engine call that completes on another thread; its result comes back through the event loop.
  function later(fn, ...params) {
    const origin = new Error();
    return new Promise((resolve, reject) => {
      fn(...params, text => resolve(JSON.parse(text)), text => reject(fail(JSON.parse(text), origin)));
    });
  }

  function hidden(target, name, value) {
    Object.defineProperty(target, name, { value, enumerable: false });
  }

  // ---- events, as the engine publishes them (DESIGN §6), delivered on this thread ----
  const listeners = new Map();          // event name or '*' -> Set of functions
  const progressListeners = new Map();  // job id -> Set of functions
  const actionWaiters = new Map();      // action id -> array of resolve functions
  const finishedActions = new Set();    // actions seen finishing while this script runs
  const lastProgress = new Map();       // job id -> its latest progress event, so a late onProgress sees it
  const LAST_PROGRESS_KEPT = 10000;

  function addTo(map, key, value) {
    let set = map.get(key);
    if (!set) map.set(key, set = new Set());
    set.add(value);
  }

  function dispatch(text) {
    const event = JSON.parse(text);
    const name = event.event;
    if (name === 'job.progress') {
      lastProgress.delete(event.job_id);
      lastProgress.set(event.job_id, event);
      if (lastProgress.size > LAST_PROGRESS_KEPT) lastProgress.delete(lastProgress.keys().next().value);
      const set = progressListeners.get(event.job_id);
      if (set) for (const fn of [...set]) fn(event);
    }
    for (const key of [name, name.substring(0, name.indexOf('.')) + '.*', '*']) {
      const set = listeners.get(key);
      if (set) for (const fn of [...set]) fn(event);
    }
    if (name === 'action.completed' || name === 'action.failed') {
      finishedActions.add(event.action_id);
      const waiting = actionWaiters.get(event.action_id);
      if (waiting) {
        actionWaiters.delete(event.action_id);
        const result = actionResult(event.action_id);
        for (const resolve of waiting) {
          bridge.release();
          resolve(result);
        }
      }
    }
  }

  // ---- jobs and runs ----
  function actionResult(actionId) {
    const result = call(bridge.actionResult, actionId);
    result.jobs = result.jobs.map(job);
    return result;
  }

  function whenActionDone(actionId) {
    return new Promise(resolve => {
      if (finishedActions.has(actionId) || call(bridge.actionFinishedEarlier, actionId)) {
        resolve(actionResult(actionId));
        return;
      }
      bridge.hold();
      const waiting = actionWaiters.get(actionId);
      if (waiting) waiting.push(resolve);
      else actionWaiters.set(actionId, [resolve]);
    });
  }

  function lazyPromise(target, make) {
    let promise = null;
    Object.defineProperty(target, 'done', {
      enumerable: false,
      get() { return promise || (promise = make()); }
    });
  }

  function job(data) {
    const id = data.id;
    const j = Object.assign({}, data);
    delete j.state;
    Object.defineProperty(j, 'state', { enumerable: true, get() { return call(bridge.jobState, id); } });
    hidden(j, 'onProgress', fn => {
      if (typeof fn !== 'function') throw new TypeError('onProgress expects a function');
      addTo(progressListeners, id, fn);
      // progress that arrived before the script subscribed: its latest state, delivered as the next microtask
      const latest = lastProgress.get(id);
      if (latest) Promise.resolve().then(() => { if (progressListeners.get(id)?.has(fn)) fn(latest); });
      return () => { progressListeners.get(id)?.delete(fn); };
    });
    hidden(j, 'pause', () => later(bridge.control, 'pause', id));
    hidden(j, 'resume', () => later(bridge.control, 'resume', id));
    hidden(j, 'cancel', () => later(bridge.control, 'cancel', id));
    hidden(j, 'retry', () => later(bridge.control, 'retry', id));
    hidden(j, 'refresh', () => { const fresh = call(bridge.job, id); return fresh && job(fresh); });
    lazyPromise(j, () => later(bridge.awaitJob, id).then(job));
    return j;
  }

  function run(data) {
    const r = Object.assign({}, data, { jobs: data.jobs.map(job) });
    lazyPromise(r, () => whenActionDone(r.actionId));
    return r;
  }

  function inputJson(value, what) {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value !== 'object') throw new TypeError(what + ' must be an object');
    return JSON.stringify(value);
  }

  const causa = {
    args: Object.freeze([...JSON.parse(args)]),
    runtime: Object.freeze(call(bridge.runtime)),
    actions: Object.freeze({
      list: () => call(bridge.actions),
      info: type => call(bridge.actionInfo, String(type)),
      run: (type, input) => later(bridge.runAction, String(type), inputJson(input, 'the input') ?? '{}').then(run),
      replay: (actionId, overrides) =>
          later(bridge.replay, String(actionId), inputJson(overrides, 'the overrides')).then(run),
      result: actionId => actionResult(String(actionId)),
    }),
    jobs: Object.freeze({
      list: (query = {}) => call(bridge.jobs, JSON.stringify(query)).map(job),
      get: id => { const data = call(bridge.job, String(id)); return data ? job(data) : null; },
    }),
    events: Object.freeze({
      on(name, fn) {
        if (typeof fn !== 'function') throw new TypeError('events.on expects a function');
        addTo(listeners, String(name), fn);
        bridge.listeners(1);
        let active = true;
        return () => {
          if (!active) return;
          active = false;
          listeners.get(String(name)).delete(fn);
          bridge.listeners(-1);
        };
      },
    }),
  };

  function show(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return value.stack || String(value);
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
    try {
      const text = JSON.stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  }

  function writer(stream) {
    return (...values) => bridge.write(stream, values.map(show).join(' '));
  }

  const console = Object.freeze({
    log: writer(1), info: writer(1), debug: writer(1), warn: writer(2), error: writer(2),
  });

  // Timers as in browsers and Node.js; a pending timer keeps the script running.
  function setTimeout(fn, ms, ...params) {
    if (typeof fn !== 'function') throw new TypeError('setTimeout expects a function');
    return bridge.setTimer(Math.max(0, Math.floor(Number(ms) || 0)), () => fn(...params));
  }

  function clearTimeout(id) {
    if (typeof id === 'number') bridge.clearTimer(id);
  }

  // How `causa js` prints a result: strings as they are, everything else as indented JSON.
  function format(value) {
    if (value === undefined) return null;
    if (typeof value === 'string') return value;
    try {
      const text = JSON.stringify(value, null, 2);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  }

  return { causa: Object.freeze(causa), console, setTimeout, clearTimeout, dispatch, format };
})
