#!/usr/bin/env node
// Runs dynalite for the devstack and exits as soon as its parent goes away.
// The JVM that starts us keeps our stdin open; when that JVM dies for any reason
// (Ctrl-C, a failed test, even kill -9) the pipe closes and we exit: no orphans.
'use strict'
const argv = require('minimist')(process.argv.slice(2))
const dynalite = require('dynalite')

const server = dynalite({
  path: argv.path || undefined,
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
})

server.on('error', (err) => {
  console.error(`dynalite failed: ${err.message}`)
  process.exit(2)
})

// The JVM side logs the address once a real ListTables call has answered.
server.listen(Number(argv.port || 8000), argv.host || '127.0.0.1')

function stop() {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}

process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
