// Preloaded (`node --require`) into the redocly processes of the scale benchmark. Redocly reads every
// $ref'd file of a split spec at once (fs.promises.readFile); a spec in the layout of spec/ with
// thousands of operations has more files than the open-file limit (`ulimit -n`), and lint then fails
// with EMFILE, reported as unresolved $refs. This caps the reads in flight (BENCH_MAX_OPEN_FILES,
// default 256) and queues the rest; each read is otherwise unchanged.
const fs = require('node:fs');

const limit = Number(process.env.BENCH_MAX_OPEN_FILES) || 256;
const readFile = fs.promises.readFile;
const waiting = [];
let inFlight = 0;

function next() {
  inFlight -= 1;
  const start = waiting.shift();
  if (start) start();
}

fs.promises.readFile = function limitedReadFile(...args) {
  return new Promise((resolve, reject) => {
    const start = () => {
      inFlight += 1;
      readFile.apply(fs.promises, args).then(resolve, reject).finally(next);
    };
    if (inFlight < limit) start();
    else waiting.push(start);
  });
};
