// Commit-to-client latency of data-changed notifications: SUBSCRIBERS connections (auto-subscribed to Post by the
// demo), one writer that creates posts one after another through bench:post, which answers the wall-clock time of
// the commit (µs since the epoch). For every post and every subscriber: arrival time minus commit time (same
// machine, same clock). Node's `ws` (bench/node) as the client: one thread that reads 1,000 connections with little
// work per message, so that the figure is the server's more than the client's (the JDK's WebSocket client, used
// before, hands every message from its selector thread to another and was the slower side).
//
//   node client.js ws://127.0.0.1:8080/ws SUBSCRIBERS WARMUP CHANGES
'use strict';
const path = require('path');
const WebSocket = require(path.join(__dirname, '..', 'node', 'node_modules', 'ws'));
const { performance } = require('perf_hooks');

const [url, subscribersArg, warmupArg, changesArg] = process.argv.slice(2);
const subscribers = Number(subscribersArg);
const warmup = Number(warmupArg);
const changes = Number(changesArg);
const FIELD_ID = /"fields":\{"id":(\d+)/;

// wall-clock µs, as the server's Instant.now(): the process's start on the wall clock plus the monotonic time since
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

const arrivals = new Map();   // post id -> arrival times
let awaited = null;           // { id, resolve } of the post whose notifications are counted

function open(onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
    ws.on('message', onMessage);
    ws.on('close', (code, reason) => {
      if (!finished) {
        console.error(`a connection closed: ${code} ${reason}`);
        process.exit(1);
      }
    });
  });
}

function subscriberMessage(data) {
  const at = nowMicros();
  const m = FIELD_ID.exec(data.toString());
  if (!m) {
    return;
  }
  const id = Number(m[1]);
  let times = arrivals.get(id);
  if (!times) {
    times = [];
    arrivals.set(id, times);
  }
  times.push(at);
  if (times.length === subscribers && awaited && awaited.id === id) {
    awaited.resolve();
  }
}

let finished = false;
let pending = null;
let ids = 0;
function call(writer, endpoint, method, data) {
  return new Promise((resolve, reject) => {
    pending = { resolve, reject };
    writer.send(JSON.stringify({ meta: { id: 'w' + (++ids), endpoint, method }, data }));
  });
}
function writerMessage(data) {
  const text = data.toString();
  if (text.includes('"status":') && pending) {
    const p = pending;
    pending = null;
    if (text.includes('"status":"ok"')) {
      p.resolve(JSON.parse(text).data);
    } else {
      p.reject(new Error(text));
    }
  }
}

function pct(sorted, p) {
  const index = Math.ceil(p / 100 * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000;
}

function within(ms, promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  })]).finally(() => clearTimeout(timer));
}

(async () => {
  for (let i = 0; i < subscribers; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(subscribers, i + 100); j++) {
      batch.push(open(subscriberMessage));
    }
    await Promise.all(batch);
  }
  console.log(`${subscribers} subscribers connected`);
  const writer = await open(writerMessage);
  await call(writer, 'auth:session', 'create', { username: 'bench', password: 'secret' });

  const perSubscriber = [];
  const lastSubscriber = [];
  for (let round = 0; round < warmup + changes; round++) {
    const done = new Promise((resolve) => { awaited = { id: -1, resolve }; });
    const answer = await call(writer, 'bench:post', 'create', { title: 'bench ' + round });
    awaited.id = answer.id;
    if ((arrivals.get(answer.id) || []).length === subscribers) {
      awaited.resolve();
    }
    await within(60000, done, `post ${answer.id}: only ${(arrivals.get(answer.id) || []).length} notifications`);
    const times = arrivals.get(answer.id);
    arrivals.delete(answer.id);
    if (round >= warmup) {
      let last = 0;
      for (const at of times) {
        const latency = at - answer.committedAtMicros;
        perSubscriber.push(latency);
        last = Math.max(last, latency);
      }
      lastSubscriber.push(last);
    }
  }
  perSubscriber.sort((a, b) => a - b);
  lastSubscriber.sort((a, b) => a - b);
  console.log(`changes: ${changes} (after ${warmup} warm-up), subscribers: ${subscribers}, samples: ${perSubscriber.length}`);
  console.log(`commit->client, every subscriber: p50 ${pct(perSubscriber, 50).toFixed(2)} ms, p99 `
      + `${pct(perSubscriber, 99).toFixed(2)} ms, max ${(perSubscriber[perSubscriber.length - 1] / 1000).toFixed(2)} ms`);
  console.log(`commit->last of ${subscribers} subscribers (fan-out complete): p50 ${pct(lastSubscriber, 50).toFixed(2)} `
      + `ms, p99 ${pct(lastSubscriber, 99).toFixed(2)} ms`);
  finished = true;
  process.exit(0);
})().catch((failure) => {
  console.error(failure.message || failure);
  process.exit(1);
});
