// Preloaded into kinesis-local by Runnel (node --require).
// 1. kinesis-mock binds its servers to 0.0.0.0, with no option to change it: every server of this process listens
//    on 127.0.0.1 only.
// 2. On SIGTERM or SIGINT kinesis-mock shuts its servers down gracefully, which waits for every open connection to
//    close, and only then saves its data (when persistence is on) and exits; idle keep-alive connections of a client
//    that is still running would hold it for ember's 30 s shutdown timeout (destroying the socket does not end its
//    read). So shortly after the signal every open connection reads end-of-stream and is closed.
'use strict';
const net = require('net');
const LOOPBACK = '127.0.0.1';
const connections = new Set();
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && args[0] !== null && typeof args[0] === 'object' && !('fd' in args[0])
      && !('path' in args[0])) {
    args[0] = Object.assign({}, args[0], { host: LOOPBACK });
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  }
  this.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  return listen.apply(this, args);
};
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    setTimeout(() => connections.forEach((socket) => {
      socket.push(null);
      socket.end();
    }), 200).unref();
    setTimeout(() => connections.forEach((socket) => socket.destroy()), 3000).unref();
  });
}
