// The Node.js baseline: a bare `ws` server answering the benchmark's requests with the framework's
// responses, byte for byte, and no framework.
// Usage: node --expose-gc server.js PORT [MEMORY_FILE [PING_INTERVAL MAX_LOST_PINGS]]
// greeter:hello read {name}      -> {"message": "Hello, <name>!"}
// chat:room update {room}        -> joins the room;  chat:message create {text} -> one chat-message
//                                   notification to every connection in the sender's room
// SIGUSR2 runs a full GC and writes {rss, heapUsed} to MEMORY_FILE (for the idle-connection scenario).
// PING_INTERVAL > 0 runs the seed's (Node.js Yoctopus's) liveness loop, for the idle-CPU scenario: every
// PING_INTERVAL ms every connection is pinged, and one with more than MAX_LOST_PINGS unanswered pings is
// terminated; a pong resets its count. Without it (the default) the server pings no one.
'use strict';
const fs = require('fs');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const memoryFile = process.argv[3];
const pingInterval = Number(process.argv[4] || 0);
const maxLostPings = Number(process.argv[5] || 3);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });

wss.on('connection', (ws) => {
  if (pingInterval > 0) {
    ws.missed = 0;
    ws.on('pong', () => { ws.missed = 0; });
  }
  ws.on('message', (text) => {
    const request = JSON.parse(text);
    const m = request.meta;
    const meta = { id: m.id, endpoint: m.endpoint, method: m.method, status: 'ok' };
    const route = m.endpoint + ' ' + m.method;
    if (route === 'greeter:hello read') {
      ws.send(JSON.stringify({ meta, data: { message: 'Hello, ' + request.data.name + '!' } }));
    } else if (route === 'chat:room update') {
      ws.room = request.data.room;
      ws.send(JSON.stringify({ meta, data: { room: ws.room } }));
    } else if (route === 'chat:message create') {
      const note = JSON.stringify({ meta: { method: 'notify', type: 'chat-message' },
        data: { from: 'node', verified: false, room: ws.room, text: request.data.text } });
      let delivered = 0;
      for (const client of wss.clients) {
        if (client.room === ws.room) { client.send(note); delivered++; }
      }
      ws.send(JSON.stringify({ meta, data: { delivered } }));
    } else {
      ws.send(JSON.stringify({ meta: { ...meta, status: 'error' }, error: 'unknown endpoint' }));
    }
  });
});

if (pingInterval > 0) {
  // the seed's loop, the usual ws pattern: one timer for all connections, every connection pinged at every tick
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (ws.missed > maxLostPings) {
        ws.terminate();
      } else {
        ws.missed++;
        ws.ping();
      }
    }
  }, pingInterval);
  wss.on('close', () => clearInterval(heartbeat));
}

process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  const usage = process.memoryUsage();
  fs.writeFileSync(memoryFile, JSON.stringify({ rss: usage.rss, heapUsed: usage.heapUsed }));
});
wss.on('listening', () => console.log('listening on ' + port
  + (pingInterval > 0 ? ', pinging every ' + pingInterval + ' ms, at most ' + maxLostPings + ' lost pings' : '')));
